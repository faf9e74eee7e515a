import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { InsufficientCreditsError } from "../errors"
import { min, parseAmount, SCALE, toDecimal, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { planDrawDown } from "../utils/draw-down"
import { requestHash } from "../utils/secrets"
import type { LedgerBatch } from "./batch"
import { readLots } from "./db"
import { lotDto, transactionDto } from "./dto"
import { newId } from "./ids"
import { assertKey, assertServiceActive, mutate } from "./mutate"
import { prepared } from "./prepared"
import type { LotRow, TransactionType } from "./rows"
import type {
  AdjustCreditsInput,
  DebitCreditsInput,
  DebitCreditsResult,
  GrantCreditsInput,
  ReleasePendingLotInput,
  VoidLotInput,
} from "../../../types"

/** Grants, purchases, debits, adjustments and voids: the moves of credits in and out of lots. */

const DAY_MS = 24 * 3600 * 1000

export function assertWhole(batch: LedgerBatch, units: bigint, field: string): void {
  if (batch.account.service.integer_credits && units % SCALE !== 0n) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} must be a whole number for this service`)
  }
}

/** Makes a lot spendable: repays debt first (rule 4), then writes the +amount ledger row. */
function creditLot(batch: LedgerBatch, lot: LotRow, type: TransactionType, meta: Record<string, any>) {
  const repay = min(lot.remaining, batch.account.debt)
  lot.remaining -= repay
  batch.account.debt -= repay
  batch.touchLot(lot)
  return batch.addTransaction({
    ...meta,
    type,
    amount: lot.initial_amount,
    movements: [
      { lot_id: lot.id, amount: lot.initial_amount },
      { lot_id: lot.id, amount: -repay },
    ],
  })
}

function expiryFrom(input: GrantCreditsInput, now: Date): Date | null {
  if (input.expires_at) {
    const d = new Date(input.expires_at)
    if (Number.isNaN(d.getTime())) throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be a date")
    if (d.getTime() <= now.getTime()) throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be in the future")
    return d
  }
  if (input.expires_after_days !== undefined && input.expires_after_days !== null) {
    const days = input.expires_after_days
    if (!Number.isInteger(days) || days <= 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_after_days must be a positive whole number")
    }
    return new Date(now.getTime() + days * DAY_MS)
  }
  return null
}

/**
 * Adds a lot of credits. `status: "pending"` (a purchase awaiting payment) only raises `pending`.
 *
 * @example
 * await grantCredits(trx, { account_id, amount: 100, idempotency_key: "welcome" })
 */
export async function grantCredits(trx: Knex, input: GrantCreditsInput) {
  const units = parseAmount(input.amount, { field: "amount" })
  const unitPrice =
    input.unit_price === undefined || input.unit_price === null
      ? null
      : parseAmount(input.unit_price, { field: "unit_price", allowZero: true })
  const status = input.status ?? "available"
  const category = input.category ?? (input.source_type === "purchase" ? "paid" : "promotional")
  const request = {
    account_id: input.account_id,
    amount: toDecimal(units),
    category,
    source_type: input.source_type ?? "grant",
    source_id: input.source_id ?? null,
    expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
    expires_after_days: input.expires_after_days ?? null,
    unit_price: unitPrice === null ? null : toDecimal(unitPrice),
    currency_code: input.currency_code ?? null,
    status,
    description: input.description ?? null,
    reference_type: input.reference_type ?? null,
    reference_id: input.reference_id ?? null,
  }
  return mutate(
    trx,
    { account_id: input.account_id, operation: "grant", idempotency_key: input.idempotency_key, request, states: ["active", "suspended"] },
    (b, hash) => {
      assertWhole(b, units, "amount")
      const lot = b.addLot({
        source_type: request.source_type,
        source_id: request.source_id,
        category,
        initial_amount: units,
        remaining: units,
        reserved: 0n,
        status,
        expires_at: expiryFrom(input, b.now),
        unit_price: unitPrice,
        currency_code: request.currency_code,
      })
      if (status === "pending") {
        b.account.pending += units
        return { lot: lotDto(lot), transaction: null }
      }
      const tx = creditLot(b, lot, request.source_type === "purchase" ? "purchase" : "grant", {
        reference_type: input.reference_type ?? "lot",
        reference_id: input.reference_id ?? lot.id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.description ?? null,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      return { lot: lotDto(lot), transaction: transactionDto(tx) }
    }
  )
}

async function lotAccountId(trx: Knex, lotId: string): Promise<string> {
  const { rows } = await trx.raw(`SELECT account_id FROM iap_credit_lot WHERE id = ? AND deleted_at IS NULL`, [lotId])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP credit lot with id: ${lotId} was not found`)
  return rows[0].account_id
}

async function loadLot(b: LedgerBatch, lotId: string): Promise<LotRow> {
  const known = b.lots.get(lotId)
  if (known) return known
  const [lot] = await readLots(b.trx, [lotId])
  b.lots.set(lot.id, lot)
  return lot
}

/**
 * A pending (bought) lot becomes available once its payment is captured.
 * Already available: nothing to do, the lot is returned as it is.
 */
export async function releasePendingLot(trx: Knex, input: ReleasePendingLotInput) {
  const accountId = await lotAccountId(trx, input.lot_id)
  return mutate(
    trx,
    { account_id: accountId, operation: "release", idempotency_key: input.idempotency_key, request: { lot_id: input.lot_id }, states: ["active", "suspended", "closed"] },
    async (b, hash) => {
      const lot = await loadLot(b, input.lot_id)
      if (lot.status === "voided") {
        throw new MedusaError(MedusaError.Types.CONFLICT, `IAP credit lot ${lot.id} was voided`)
      }
      if (lot.status !== "pending") return { lot: lotDto(lot), transaction: null }
      lot.status = "available"
      b.account.pending -= lot.initial_amount
      const tx = creditLot(b, lot, lot.source_type === "purchase" ? "purchase" : "grant", {
        reference_type: "lot",
        reference_id: lot.id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: "Payment captured: credits available",
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      if (b.isDue(lot)) b.expireLot(lot)
      return { lot: lotDto(lot), transaction: transactionDto(tx) }
    }
  )
}

/** Rule 4: a debit or authorization needs `units ≤ available`. */
export function assertAvailable(b: LedgerBatch, units: bigint): void {
  if (units > b.available()) {
    throw new InsufficientCreditsError({
      service: b.account.service.technical_name,
      required: toNumber(units),
      available: toNumber(b.available() < 0n ? 0n : b.available()),
      account_id: b.account.id,
    })
  }
}

/** Draws `units` from the lots (rule 3); what no lot covers becomes debt (within the overdraft). */
export function drawDown(b: LedgerBatch, units: bigint) {
  assertAvailable(b, units)
  const { portions, uncovered } = planDrawDown(b.drawableLots(), units)
  b.account.debt += uncovered
  return b.drawLots(portions)
}

function debitRequest(input: DebitCreditsInput) {
  const units = parseAmount(input.amount, { field: "amount" })
  const request = {
    account_id: input.account_id,
    amount: toDecimal(units),
    description: input.description ?? null,
    reference_type: input.reference_type ?? null,
    reference_id: input.reference_id ?? null,
  }
  return { units, request }
}

/**
 * Debits credits for one use of a service (rules 3 and 4). Its common case also exists as
 * the SQL function `iap_debit` (see `debitInOneStatement`): a change to debit rules changes
 * both, and one-statement-debit.module.spec.ts compares them.
 *
 * @example
 * await debitCredits(trx, { account_id, amount: 1, idempotency_key: "sms-42" })
 */
export async function debitCredits(trx: Knex, input: DebitCreditsInput) {
  const { units, request } = debitRequest(input)
  return mutate(
    trx,
    { account_id: input.account_id, operation: "debit", idempotency_key: input.idempotency_key, request, states: ["active"] },
    (b, hash) => {
      assertServiceActive(b)
      assertWhole(b, units, "amount")
      const movements = drawDown(b, units)
      const tx = b.addTransaction({
        type: "debit",
        amount: -units,
        movements,
        reference_type: input.reference_type ?? null,
        reference_id: input.reference_id ?? null,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.description ?? null,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      return { transaction: transactionDto(tx) }
    }
  )
}

const DEBIT_STATEMENT =
  "SELECT iap_debit($1, $2, $3, $4::numeric, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[]) AS result"

/** Lots one debit may draw from in a single statement; a debit spanning more takes the general path. */
const ONE_STATEMENT_LOTS = 3

/**
 * `debitCredits` as ONE autocommitted statement (the `iap_debit` function, see migration
 * Migration20261126110000): the account lock is held only inside Postgres, never across a
 * round trip to this process, which is what bounds a busy account's throughput. Same rows, same
 * result, same replays. Returns null, having written nothing, for every case it leaves to
 * `debitCredits` (errors, expiring lots, many lots).
 *
 * @example
 * const result = (await debitInOneStatement(knex, input)) ?? (await inTransaction((trx) => debitCredits(trx, input)))
 */
export async function debitInOneStatement(knex: Knex, input: DebitCreditsInput): Promise<DebitCreditsResult | null> {
  assertKey(input.idempotency_key)
  const { units, request } = debitRequest(input)
  const movementIds = Array.from({ length: ONE_STATEMENT_LOTS }, () => newId("iaptxl"))
  const rows = await prepared(knex, "iap_debit", DEBIT_STATEMENT, [
    input.account_id,
    input.idempotency_key,
    requestHash("debit", request),
    toDecimal(units),
    request.reference_type,
    request.reference_id,
    request.description,
    input.actor_type ?? null,
    input.actor_id ?? null,
    clock.now().toISOString(),
    newId("iaptx"),
    newId("iapop"),
    movementIds,
  ])
  return rows[0].result
}

/**
 * An admin correction with a note: + adds a promotional lot, − draws down like a debit.
 */
export async function adjustCredits(trx: Knex, input: AdjustCreditsInput) {
  const units = parseAmount(input.amount, { field: "amount", allowNegative: true })
  if (typeof input.note !== "string" || input.note.trim() === "") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "note is required for an adjustment")
  }
  const request = { account_id: input.account_id, amount: toDecimal(units), note: input.note }
  return mutate(
    trx,
    { account_id: input.account_id, operation: "adjust", idempotency_key: input.idempotency_key, request, states: ["active", "suspended"] },
    (b, hash) => {
      assertWhole(b, units, "amount")
      const meta = {
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.note,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      }
      if (units > 0n) {
        const lot = b.addLot({
          source_type: "grant", source_id: input.actor_id ?? null, category: "promotional",
          initial_amount: units, remaining: units, reserved: 0n, status: "available",
          expires_at: null, unit_price: null, currency_code: null,
        })
        const tx = creditLot(b, lot, "adjustment", { ...meta, reference_type: "lot", reference_id: lot.id })
        return { transaction: transactionDto(tx), lot: lotDto(lot) }
      }
      const movements = drawDown(b, -units)
      const tx = b.addTransaction({ ...meta, type: "adjustment", amount: units, movements })
      return { transaction: transactionDto(tx), lot: null }
    }
  )
}

/**
 * Voids what is left of a lot: a pending lot entirely, an available one up to its unreserved
 * remainder (consumed credits stay consumed; `shortfall` says how much could not be voided).
 */
export async function voidLot(trx: Knex, input: VoidLotInput) {
  const accountId = await lotAccountId(trx, input.lot_id)
  return mutate(
    trx,
    { account_id: accountId, operation: "void", idempotency_key: input.idempotency_key, request: { lot_id: input.lot_id, note: input.note ?? null }, states: ["active", "suspended", "closed"] },
    async (b, hash) => {
      const lot = await loadLot(b, input.lot_id)
      if (lot.status === "voided" || lot.status === "expired") {
        throw new MedusaError(MedusaError.Types.CONFLICT, `IAP credit lot ${lot.id} is already ${lot.status}`)
      }
      const wasPending = lot.status === "pending"
      const voided = wasPending ? 0n : lot.remaining - lot.reserved
      // A pending lot never counted in the balance: it closes empty (Σ lot remaining − debt = balance).
      if (wasPending) b.account.pending -= lot.initial_amount
      lot.remaining = wasPending ? 0n : lot.remaining - voided
      lot.status = "voided"
      b.touchLot(lot)
      const tx = b.addTransaction({
        type: "void",
        amount: -voided,
        movements: [{ lot_id: lot.id, amount: -voided }],
        reference_type: "lot",
        reference_id: lot.id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.note ?? (wasPending ? "Pending credits voided" : "Credits voided"),
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      const shortfall = wasPending ? 0n : lot.initial_amount - voided
      return { lot: lotDto(lot), transaction: transactionDto(tx), voided: toNumber(voided), shortfall: toNumber(shortfall) }
    }
  )
}
