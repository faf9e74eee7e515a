import { toDecimal, toRaw } from "../utils/amount"
import type { LedgerBatch } from "./batch"
import { newId } from "./ids"

/**
 * Writes everything a batch changed in ONE statement (data-modifying CTEs): the same few round
 * trips whatever it touches and however long the ledger is (bench/scenarios/ledger-growth.js).
 * Foreign keys are checked at the end of the statement, so parents and children can come together.
 */
export async function writeBatch(batch: LedgerBatch): Promise<void> {
  const parts: string[] = []
  const bindings: any[] = []
  const now = batch.now
  const n = (v: bigint) => toDecimal(v)
  const raw = (v: bigint) => JSON.stringify(toRaw(v))
  const nullableN = (v: bigint | null) => (v === null ? null : n(v))
  const nullableRaw = (v: bigint | null) => (v === null ? null : raw(v))

  const add = (name: string, sql: string, rows: unknown[][]) => {
    parts.push(`${name} AS (${sql})`)
    for (const r of rows) bindings.push(...r)
  }
  const tuples = (rows: unknown[][], casts: string[]) =>
    rows.map(() => `(${casts.map((c) => (c ? `?::${c}` : "?")).join(", ")})`).join(", ")

  if (batch.newLots.length) {
    const rows = batch.newLots.map((l) => [
      l.id, l.account_id, l.source_type, l.source_id, l.category,
      n(l.initial_amount), raw(l.initial_amount), n(l.remaining), raw(l.remaining), n(l.reserved), raw(l.reserved),
      l.status, l.expires_at, nullableN(l.unit_price), nullableRaw(l.unit_price), l.currency_code, now, now,
    ])
    add(
      "lot_insert",
      `INSERT INTO iap_credit_lot (id, account_id, source_type, source_id, category, initial_amount, raw_initial_amount,
         remaining, raw_remaining, reserved, raw_reserved, status, expires_at, unit_price, raw_unit_price, currency_code,
         created_at, updated_at)
       VALUES ${tuples(rows, ["", "", "", "", "", "numeric", "jsonb", "numeric", "jsonb", "numeric", "jsonb", "", "timestamptz", "numeric", "jsonb", "", "timestamptz", "timestamptz"])}`,
      rows
    )
  }

  if (batch.dirtyLots.size) {
    const rows = [...batch.dirtyLots].map((id) => {
      const l = batch.lots.get(id)!
      return [id, n(l.remaining), raw(l.remaining), n(l.reserved), raw(l.reserved), l.status, now]
    })
    add(
      "lot_update",
      `UPDATE iap_credit_lot l SET remaining = v.remaining, raw_remaining = v.raw_remaining, reserved = v.reserved,
         raw_reserved = v.raw_reserved, status = v.status, updated_at = v.now
       FROM (VALUES ${tuples(rows, ["text", "numeric", "jsonb", "numeric", "jsonb", "text", "timestamptz"])})
         AS v(id, remaining, raw_remaining, reserved, raw_reserved, status, now)
       WHERE l.id = v.id`,
      rows
    )
  }

  if (batch.newHolds.length) {
    const rows = batch.newHolds.map((h) => [
      h.id, h.account_id, n(h.amount), raw(h.amount), n(h.captured_amount), raw(h.captured_amount), h.status,
      h.expires_at, h.resolved_at, h.description, h.idempotency_key, h.reference_type, h.reference_id,
      h.usage === null ? null : JSON.stringify(h.usage), h.rate_id, h.rate_version, now, now,
    ])
    add(
      "hold_insert",
      `INSERT INTO iap_hold (id, account_id, amount, raw_amount, captured_amount, raw_captured_amount, status, expires_at,
         resolved_at, description, idempotency_key, reference_type, reference_id, usage, rate_id, rate_version, created_at, updated_at)
       VALUES ${tuples(rows, ["", "", "numeric", "jsonb", "numeric", "jsonb", "", "timestamptz", "timestamptz", "", "", "", "", "jsonb", "", "int", "timestamptz", "timestamptz"])}`,
      rows
    )
  }

  if (batch.dirtyHolds.size) {
    const rows = [...batch.dirtyHolds.values()].map((h) => [
      h.id, h.status, n(h.captured_amount), raw(h.captured_amount), h.resolved_at, now,
    ])
    add(
      "hold_update",
      `UPDATE iap_hold h SET status = v.status, captured_amount = v.captured, raw_captured_amount = v.raw_captured,
         resolved_at = v.resolved_at, updated_at = v.now
       FROM (VALUES ${tuples(rows, ["text", "text", "numeric", "jsonb", "timestamptz", "timestamptz"])})
         AS v(id, status, captured, raw_captured, resolved_at, now)
       WHERE h.id = v.id`,
      rows
    )
  }

  if (batch.allocations.length) {
    const rows = batch.allocations.map((a) => [a.id, a.hold_id, a.lot_id, n(a.amount), raw(a.amount), now, now])
    add(
      "allocation_insert",
      `INSERT INTO iap_hold_allocation (id, hold_id, lot_id, amount, raw_amount, created_at, updated_at)
       VALUES ${tuples(rows, ["", "", "", "numeric", "jsonb", "timestamptz", "timestamptz"])}`,
      rows
    )
  }

  if (batch.transactions.length) {
    const rows = batch.transactions.map((t) => [
      t.id, t.account_id, t.type, n(t.amount), raw(t.amount), n(t.balance_after), raw(t.balance_after), t.hold_id,
      t.reference_type, t.reference_id, t.idempotency_key, t.request_hash, t.description, t.actor_type, t.actor_id,
      t.usage === null ? null : JSON.stringify(t.usage), t.rate_id, t.rate_version, t.created_at, t.created_at,
    ])
    add(
      "transaction_insert",
      `INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after, hold_id,
         reference_type, reference_id, idempotency_key, request_hash, description, actor_type, actor_id, usage, rate_id,
         rate_version, created_at, updated_at)
       VALUES ${tuples(rows, ["", "", "", "numeric", "jsonb", "numeric", "jsonb", "", "", "", "", "", "", "", "", "jsonb", "", "int", "timestamptz", "timestamptz"])}`,
      rows
    )
  }

  if (batch.movements.length) {
    const rows = batch.movements.map((m) => [m.id, m.transaction_id, m.lot_id, n(m.amount), raw(m.amount), now, now])
    add(
      "movement_insert",
      `INSERT INTO iap_transaction_lot (id, transaction_id, lot_id, amount, raw_amount, created_at, updated_at)
       VALUES ${tuples(rows, ["", "", "", "numeric", "jsonb", "timestamptz", "timestamptz"])}`,
      rows
    )
  }

  if (batch.usageCounts.length) {
    const rows = batch.usageCounts.map((u) => [newId("iapum"), batch.account.id, u.metric, u.month, n(u.quantity), raw(u.quantity), now, now])
    add(
      "usage_upsert",
      `INSERT INTO iap_usage_month AS m (id, account_id, metric, month, quantity, raw_quantity, created_at, updated_at)
       VALUES ${tuples(rows, ["", "", "", "", "numeric", "jsonb", "timestamptz", "timestamptz"])}
       ON CONFLICT (account_id, metric, month) WHERE deleted_at IS NULL
       DO UPDATE SET quantity = trim_scale(m.quantity + excluded.quantity), raw_quantity = iap_raw_amount(m.quantity + excluded.quantity),
         updated_at = excluded.updated_at`,
      rows
    )
  }

  const a = batch.account
  add(
    "account_update",
    `UPDATE iap_account SET balance = ?::numeric, raw_balance = ?::jsonb, reserved = ?::numeric, raw_reserved = ?::jsonb,
       pending = ?::numeric, raw_pending = ?::jsonb, debt = ?::numeric, raw_debt = ?::jsonb, warning_armed = ?,
       updated_at = ?::timestamptz
     WHERE id = ?`,
    [[n(a.balance), raw(a.balance), n(a.reserved), raw(a.reserved), n(a.pending), raw(a.pending), n(a.debt), raw(a.debt), a.warning_armed, now, a.id]]
  )

  if (batch.operation) {
    const o = batch.operation
    add(
      "operation_insert",
      `INSERT INTO iap_operation (id, account_id, idempotency_key, operation, request_hash, result, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz, ?::timestamptz)`,
      [[newId("iapop"), a.id, o.key, o.name, o.hash, JSON.stringify(o.result), now, now]]
    )
  }

  await batch.trx.raw(`WITH ${parts.join(",\n")} SELECT 1`, bindings)
}
