import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb, max, min, parseAmount, toDecimal, toNumber, toRaw } from "../utils/amount"
import type { LedgerBatch } from "./batch"
import { assertWhole, loadLot } from "./credits"
import { lotDto, transactionDto } from "./dto"
import { newId } from "./ids"
import { mutate } from "./mutate"
import type { LotRow, TransactionType } from "./rows"
import type { ClawbackCreditsInput, ClawbackCreditsResult, IapClawbackDTO, IapRefundPolicy } from "../../../types"

/**
 * Refunds and returns take back the credits they paid for (docs/rules.md §13): from the
 * lot the order line bought, unspent credits first; credits already used are the shortfall,
 * reported ("clamp") or turned into account debt ("debt"), which the next credits repay.
 */

/** Ledger rows that remove credits from a lot without anyone using them. */
const NOT_USED: TransactionType[] = ["expiry", "void", "clawback", "reversal"]

type Prior = { requested: bigint; unrecovered: bigint }

async function priorClawbacks(trx: Knex, lotId: string): Promise<Prior> {
  const { rows } = await trx.raw(
    `SELECT coalesce(sum(requested), 0)::text AS requested, coalesce(sum(shortfall + debt), 0)::text AS unrecovered
     FROM iap_clawback WHERE lot_id = ? AND deleted_at IS NULL`,
    [lotId]
  )
  return { requested: fromDb(rows[0].requested), unrecovered: fromDb(rows[0].unrecovered) }
}

/** Rows that make a lot's credits spendable (a pending lot has none yet). */
const CREDITS: TransactionType[] = ["purchase", "grant", "adjustment"]

/**
 * Credits of the lot used or held so far: what was credited to it, minus what left it without
 * being used (expired, voided, clawed back, reversed; this batch's expiry included), minus what
 * is still free in it.
 */
async function usedOrHeld(b: LedgerBatch, lot: LotRow, free: bigint): Promise<bigint> {
  const { rows } = await b.trx.raw(
    `SELECT coalesce(sum(CASE WHEN tl.amount > 0 AND t.type = ANY(?) THEN tl.amount ELSE 0 END), 0)::text AS credited,
       coalesce(sum(CASE WHEN tl.amount < 0 AND t.type = ANY(?) THEN -tl.amount ELSE 0 END), 0)::text AS removed
     FROM iap_transaction_lot tl JOIN iap_transaction t ON t.id = tl.transaction_id
     WHERE tl.lot_id = ?`,
    [CREDITS, NOT_USED, lot.id]
  )
  let removed = fromDb(rows[0].removed)
  const types = new Map(b.transactions.map((t) => [t.id, t.type]))
  for (const m of b.movements) {
    if (m.lot_id === lot.id && m.amount < 0n && NOT_USED.includes(types.get(m.transaction_id)!)) removed -= m.amount
  }
  return max(0n, fromDb(rows[0].credited) - removed - free)
}

async function insertClawback(trx: Knex, c: Omit<IapClawbackDTO, "created_at"> & { units: Record<string, bigint> }, now: Date) {
  const n = (k: string) => toDecimal(c.units[k])
  const raw = (k: string) => JSON.stringify(toRaw(c.units[k]))
  await trx.raw(
    `INSERT INTO iap_clawback (id, account_id, lot_id, transaction_id, order_id, line_item_id, reference_type, reference_id,
       idempotency_key, policy, requested, raw_requested, clawed, raw_clawed, debt, raw_debt, shortfall, raw_shortfall,
       voided_pending, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?::jsonb, ?::numeric, ?::jsonb, ?::numeric, ?::jsonb, ?::numeric, ?::jsonb, ?, ?, ?)`,
    [
      c.id, c.account_id, c.lot_id, c.transaction_id, c.order_id, c.line_item_id, c.reference_type, c.reference_id,
      c.idempotency_key, c.policy, n("requested"), raw("requested"), n("clawed"), raw("clawed"), n("debt"), raw("debt"),
      n("shortfall"), raw("shortfall"), c.voided_pending, now, now,
    ]
  )
}

/**
 * Takes `amount` credits back from the lot an order line bought (or, with `up_to`, what its
 * clawbacks lack to reach that total: decided under the account lock, so concurrent runs for
 * one order never take the same credits twice). Never more than the lot
 * granted over all clawbacks of the lot; a pending lot (payment not captured) is voided
 * whole instead. Unspent credits go first; of the rest, credits already used or held are the
 * shortfall (`policy` "clamp": reported; "debt": added to the account's debt and to the
 * ledger row), and credits that left the lot otherwise (expired, voided by a cancel) are gone
 * already. Writes one ledger row (`clawback`, or `void` for a pending lot) and one
 * `iap_clawback` record, idempotent by key.
 *
 * @example
 * await clawbackCredits(trx, { lot_id, amount: 400, policy: "clamp", reference_type: "refund",
 *   reference_id: "refund_1", idempotency_key: "clawback:refund_1:ordli_1" }, "clamp")
 */
export async function clawbackCredits(trx: Knex, input: ClawbackCreditsInput, defaultPolicy: IapRefundPolicy): Promise<ClawbackCreditsResult> {
  if ((input.amount === undefined) === (input.up_to === undefined)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Exactly one of amount and up_to is required")
  }
  const upTo = input.up_to !== undefined
  const units = upTo ? parseAmount(input.up_to, { field: "up_to" }) : parseAmount(input.amount, { field: "amount" })
  const policy = input.policy ?? defaultPolicy
  if (policy !== "clamp" && policy !== "debt") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `policy must be "clamp" or "debt"`)
  }
  for (const field of ["reference_type", "reference_id", "lot_id"] as const) {
    if (typeof input[field] !== "string" || input[field].trim() === "") {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} is required`)
    }
  }
  const { rows } = await trx.raw(`SELECT account_id FROM iap_credit_lot WHERE id = ? AND deleted_at IS NULL`, [input.lot_id])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP credit lot with id: ${input.lot_id} was not found`)
  const request = {
    lot_id: input.lot_id, [upTo ? "up_to" : "amount"]: toDecimal(units), policy, reference_type: input.reference_type,
    reference_id: input.reference_id, order_id: input.order_id ?? null, line_item_id: input.line_item_id ?? null,
  }
  return mutate(
    trx,
    { account_id: rows[0].account_id, operation: "clawback", idempotency_key: input.idempotency_key, request, states: ["active", "suspended", "closed"] },
    async (b, hash) => {
      assertWhole(b, units, upTo ? "up_to" : "amount")
      const lot = await loadLot(b, input.lot_id)
      const prior = await priorClawbacks(b.trx, lot.id)
      const ask = upTo ? max(0n, units - prior.requested) : units
      const requested = min(ask, max(0n, lot.initial_amount - prior.requested))
      const wasPending = lot.status === "pending"
      if (upTo && requested === 0n && !wasPending) {
        b.noop = true
        return { clawback: null, lot: lotDto(lot), transaction: null }
      }
      let take = 0n
      let unrecovered = 0n
      if (wasPending) {
        lot.status = "voided"
        lot.remaining = 0n
        b.account.pending -= lot.initial_amount
        b.touchLot(lot)
      } else {
        const free = lot.status === "available" ? lot.remaining - lot.reserved : 0n
        const used = await usedOrHeld(b, lot, free)
        take = min(requested, free)
        unrecovered = min(requested - take, max(0n, used - prior.unrecovered))
        lot.remaining -= take
        b.touchLot(lot)
      }
      const debt = policy === "debt" ? unrecovered : 0n
      const shortfall = unrecovered - debt
      b.account.debt += debt
      const tx = b.addTransaction({
        type: wasPending ? "void" : "clawback",
        amount: -(take + debt),
        movements: [{ lot_id: lot.id, amount: -take }],
        reference_type: input.reference_type,
        reference_id: input.reference_id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.description ?? describe(input, { wasPending, take, debt, shortfall }),
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      const clawback = {
        id: newId("iapclaw"), account_id: b.account.id, lot_id: lot.id, transaction_id: tx.id,
        order_id: request.order_id, line_item_id: request.line_item_id, reference_type: input.reference_type,
        reference_id: input.reference_id, idempotency_key: input.idempotency_key, policy,
        requested: toNumber(requested), clawed: toNumber(take), debt: toNumber(debt), shortfall: toNumber(shortfall),
        voided_pending: wasPending,
      }
      await insertClawback(b.trx, { ...clawback, units: { requested, clawed: take, debt, shortfall } }, b.now)
      return {
        clawback: { ...clawback, created_at: b.now.toISOString() },
        lot: lotDto(lot),
        transaction: transactionDto(tx),
      }
    }
  ) as Promise<ClawbackCreditsResult>
}

function describe(input: ClawbackCreditsInput, r: { wasPending: boolean; take: bigint; debt: bigint; shortfall: bigint }): string {
  const what = `${input.reference_type} ${input.reference_id}`
  if (r.wasPending) return `Pending credits voided: ${what}`
  const parts = [`Credits taken back: ${what}`]
  if (r.debt > 0n) parts.push(`${toNumber(r.debt)} already used, now owed`)
  if (r.shortfall > 0n) parts.push(`${toNumber(r.shortfall)} already used, not recovered`)
  return parts.join("; ")
}
