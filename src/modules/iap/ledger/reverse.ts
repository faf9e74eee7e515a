import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb, min, parseAmount, toNumber } from "../utils/amount"
import type { LedgerBatch } from "./batch"
import { readLots } from "./db"
import { transactionDto } from "./dto"
import { mutate } from "./mutate"

/**
 * Undoes a ledger row by writing a `reversal` row (never by deleting): what workflow
 * compensation uses. One reversal per row (the key is derived from the row id), so a
 * compensation that runs twice reverses once.
 */
export async function reverseTransaction(trx: Knex, input: { transaction_id: string; description?: string | null }) {
  const { rows } = await trx.raw(
    `SELECT id, account_id, type, amount::text AS amount, usage, created_at FROM iap_transaction WHERE id = ?`,
    [input.transaction_id]
  )
  if (!rows.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP transaction with id: ${input.transaction_id} was not found`)
  }
  const original = rows[0]
  if (original.type === "reversal") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "A reversal cannot be reversed")
  }
  const { rows: moves } = await trx.raw(
    `SELECT lot_id, amount::text AS amount FROM iap_transaction_lot WHERE transaction_id = ? ORDER BY id`,
    [original.id]
  )
  return mutate(
    trx,
    {
      account_id: original.account_id,
      operation: "reverse",
      idempotency_key: `reversal:${original.id}`,
      request: { transaction_id: original.id },
      states: ["active", "suspended", "closed"],
    },
    async (b) => {
      const lotIds: string[] = [...new Set<string>(moves.map((m: any) => m.lot_id))].filter((id) => !b.lots.has(id))
      for (const lot of await readLots(b.trx, lotIds)) b.lots.set(lot.id, lot)
      const amount = fromDb(original.amount)
      const meta = {
        reference_type: "transaction",
        reference_id: original.id,
        description: input.description ?? `Reversal of ${original.type} ${original.id}`,
      }
      const tx = amount < 0n ? giveBack(b, -amount, moves, meta) : takeBack(b, amount, moves, meta)
      // A reversed usage no longer counts towards its month's tiers.
      if (original.usage) {
        const month = new Date(original.created_at).toISOString().slice(0, 7)
        b.usageCounts.push({ metric: original.usage.metric, month, quantity: -parseAmount(original.usage.quantity) })
      }
      return { transaction: tx ? transactionDto(tx) : null }
    }
  )
}

/** Reverses a draw: credits go back to the lots they came from, debt first where no lot paid. */
function giveBack(b: LedgerBatch, amount: bigint, moves: any[], meta: Record<string, any>) {
  const movements: { lot_id: string; amount: bigint }[] = []
  const gone: { lot_id: string; amount: bigint; status: string }[] = []
  let fromLots = 0n
  for (const m of moves) {
    const x = -fromDb(m.amount)
    if (x <= 0n) continue
    const lot = b.lots.get(m.lot_id)!
    lot.remaining += x
    b.touchLot(lot)
    fromLots += x
    movements.push({ lot_id: lot.id, amount: x })
    // Credits of a lot that expired or was voided since must not come back to life.
    if (lot.status !== "available" || b.isDue(lot)) gone.push({ lot_id: lot.id, amount: x, status: lot.status })
  }
  const uncovered = amount - fromLots
  const repaid = min(uncovered, b.account.debt)
  b.account.debt -= repaid
  if (uncovered - repaid > 0n) {
    const lot = b.addLot({
      source_type: "refund", source_id: meta.reference_id, category: "paid", initial_amount: uncovered - repaid,
      remaining: uncovered - repaid, reserved: 0n, status: "available", expires_at: null, unit_price: null, currency_code: null,
    })
    movements.push({ lot_id: lot.id, amount: uncovered - repaid })
  }
  const tx = b.addTransaction({ ...meta, type: "reversal", amount, movements })
  for (const g of gone) {
    const lot = b.lots.get(g.lot_id)!
    lot.remaining -= g.amount
    if (lot.status === "available") lot.status = "expired"
    b.addTransaction({
      type: lot.status === "voided" ? "void" : "expiry",
      amount: -g.amount,
      movements: [{ lot_id: lot.id, amount: -g.amount }],
      reference_type: "lot",
      reference_id: lot.id,
      description: "Reversed credits of a closed lot",
    })
  }
  return tx
}

/** Reverses a credit: the lot's unspent part leaves and debt it repaid comes back. */
function takeBack(b: LedgerBatch, amount: bigint, moves: any[], meta: Record<string, any>) {
  const lotId = moves.find((m: any) => fromDb(m.amount) > 0n)?.lot_id
  const repaid = moves.filter((m: any) => m.lot_id === lotId && fromDb(m.amount) < 0n).reduce<bigint>((s, m: any) => s - fromDb(m.amount), 0n)
  const lot = lotId ? b.lots.get(lotId) : undefined
  if (!lot) throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This transaction moved no lot and cannot be reversed")
  const take = min(lot.remaining - lot.reserved, amount - repaid)
  lot.remaining -= take
  if (lot.status === "available") lot.status = "voided"
  b.touchLot(lot)
  b.account.debt += repaid
  const total = take + repaid
  if (total === 0n) return null
  return b.addTransaction({
    ...meta,
    type: "reversal",
    amount: -total,
    movements: [{ lot_id: lot.id, amount: -take }],
    description: meta.description + (total < amount ? ` (${toNumber(amount - total)} already used)` : ""),
  })
}
