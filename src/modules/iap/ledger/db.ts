import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb } from "../utils/amount"
import type { AccountRow, AllocationRow, HoldRow, LotRow, TransactionRow } from "./rows"

/** SQL reads of the ledger. Every read of state that a write depends on runs after the account lock. */

const ACCOUNT_COLUMNS = `a.id, a.service_id, a.customer_id, a.sales_channel_ids, a.state,
  a.balance::text AS balance, a.reserved::text AS reserved, a.pending::text AS pending,
  a.debt::text AS debt, a.overdraft_limit::text AS overdraft_limit,
  a.warning_threshold::text AS warning_threshold, a.warning_armed, a.warning_emails,
  s.technical_name, s.name AS service_name, s.unit_name, s.integer_credits, s.status AS service_status,
  s.hold_ttl_seconds, s.rate_revision`

const LOT_COLUMNS = `id, account_id, source_type, source_id, category, initial_amount::text AS initial_amount,
  remaining::text AS remaining, reserved::text AS reserved, status, expires_at,
  unit_price::text AS unit_price, currency_code, created_at`

const HOLD_COLUMNS = `id, account_id, amount::text AS amount, captured_amount::text AS captured_amount,
  status, expires_at, resolved_at, description, idempotency_key, reference_type, reference_id, usage, rate_id,
  rate_version, created_at`

export function toAccount(r: any): AccountRow {
  return {
    id: r.id,
    service_id: r.service_id,
    customer_id: r.customer_id,
    sales_channel_ids: r.sales_channel_ids ?? [],
    state: r.state,
    balance: fromDb(r.balance),
    reserved: fromDb(r.reserved),
    pending: fromDb(r.pending),
    debt: fromDb(r.debt),
    overdraft_limit: fromDb(r.overdraft_limit),
    warning_threshold: r.warning_threshold === null ? null : fromDb(r.warning_threshold),
    warning_armed: r.warning_armed,
    warning_emails: r.warning_emails ?? [],
    service: {
      technical_name: r.technical_name,
      name: r.service_name,
      unit_name: r.unit_name,
      integer_credits: r.integer_credits,
      status: r.service_status,
      hold_ttl_seconds: r.hold_ttl_seconds,
      rate_revision: r.rate_revision,
    },
  }
}

export function toLot(r: any): LotRow {
  return {
    ...r,
    initial_amount: fromDb(r.initial_amount),
    remaining: fromDb(r.remaining),
    reserved: fromDb(r.reserved),
    unit_price: r.unit_price === null ? null : fromDb(r.unit_price),
    expires_at: r.expires_at ? new Date(r.expires_at) : null,
    created_at: new Date(r.created_at),
  }
}

export function toHold(r: any): HoldRow {
  return {
    ...r,
    amount: fromDb(r.amount),
    captured_amount: fromDb(r.captured_amount),
    expires_at: new Date(r.expires_at),
    resolved_at: r.resolved_at ? new Date(r.resolved_at) : null,
    created_at: new Date(r.created_at),
  }
}

/**
 * Locks the account row (`FOR UPDATE`) for the rest of the transaction and returns it.
 * All of an account's mutations serialize here, across processes.
 */
export async function lockAccount(trx: Knex, accountId: string): Promise<AccountRow> {
  const { rows } = await trx.raw(
    `SELECT ${ACCOUNT_COLUMNS} FROM iap_account a JOIN iap_service s ON s.id = a.service_id
     WHERE a.id = ? AND a.deleted_at IS NULL FOR UPDATE OF a`,
    [accountId]
  )
  if (!rows.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP account with id: ${accountId} was not found`)
  }
  return toAccount(rows[0])
}

export type StoredOperation = { operation: string; request_hash: string; result: any }

/**
 * A text value spelled with hex digits only, so it needs no quoting or escaping in SQL text (and
 * knex, which rewrites every `?` of raw SQL into a `$n` placeholder, finds none in it).
 * `COLLATE "default"`: the encoding name's "C" collation would otherwise decide the comparison
 * and keep it off the indexes (a sequential scan of the idempotency records).
 */
function textLiteral(value: string): string {
  return `(convert_from(decode('${Buffer.from(value, "utf8").toString("hex")}', 'hex'), 'UTF8') COLLATE "default")`
}

/**
 * Locks the account row (as `lockAccount`) and reads the idempotency record for `key` and the
 * drawable lots in ONE round trip: two statements in the simple protocol (no bind parameters,
 * hence `textLiteral`); the second one's snapshot is taken after the lock, so it sees the
 * previous holder's commit. One round trip less under the lock (bench/scenarios/hot-account.js).
 *
 * @example
 * const { account, op, lots } = await lockAndRead(trx, accountId, "sms-42")
 */
export async function lockAndRead(
  trx: Knex,
  accountId: string,
  key: string | null
): Promise<{ account: AccountRow; op: StoredOperation | null; lots: LotRow[] }> {
  const id = textLiteral(accountId)
  const results = await trx.raw(
    `SELECT ${ACCOUNT_COLUMNS} FROM iap_account a JOIN iap_service s ON s.id = a.service_id
     WHERE a.id = ${id} AND a.deleted_at IS NULL FOR UPDATE OF a;
     SELECT
       (SELECT json_build_object('operation', o.operation, 'request_hash', o.request_hash, 'result', o.result)
          FROM iap_operation o WHERE o.account_id = ${id} AND o.idempotency_key = ${textLiteral(key ?? "")}
            AND o.deleted_at IS NULL) AS op,
       (SELECT coalesce(json_agg(l), '[]'::json) FROM (
          SELECT ${LOT_COLUMNS} FROM iap_credit_lot
          WHERE account_id = ${id} AND status = 'available' AND remaining > 0 AND deleted_at IS NULL) l) AS lots`
  )
  const [locked, read] = results as unknown as { rows: any[] }[]
  if (!locked.rows.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP account with id: ${accountId} was not found`)
  }
  return { account: toAccount(locked.rows[0]), op: read.rows[0].op, lots: read.rows[0].lots.map(toLot) }
}

export async function readLots(trx: Knex, ids: string[]): Promise<LotRow[]> {
  if (!ids.length) return []
  const { rows } = await trx.raw(`SELECT ${LOT_COLUMNS} FROM iap_credit_lot WHERE id = ANY(?)`, [ids])
  return rows.map(toLot)
}

export async function readHold(trx: Knex, holdId: string): Promise<HoldRow | null> {
  const { rows } = await trx.raw(
    `SELECT ${HOLD_COLUMNS} FROM iap_hold WHERE id = ? AND deleted_at IS NULL`,
    [holdId]
  )
  return rows.length ? toHold(rows[0]) : null
}

export async function readAllocations(trx: Knex, holdId: string): Promise<AllocationRow[]> {
  const { rows } = await trx.raw(
    `SELECT id, hold_id, lot_id, amount::text AS amount FROM iap_hold_allocation WHERE hold_id = ? AND deleted_at IS NULL ORDER BY id`,
    [holdId]
  )
  return rows.map((r: any) => ({ ...r, amount: fromDb(r.amount) }))
}

/** The capture row of a hold, for answering a repeated capture. */
export async function readHoldTransaction(trx: Knex, holdId: string): Promise<TransactionRow | null> {
  const { rows } = await trx.raw(
    `SELECT id, account_id, type, amount::text AS amount, balance_after::text AS balance_after, hold_id,
       reference_type, reference_id, idempotency_key, request_hash, description, actor_type, actor_id, usage, rate_id,
       rate_version, created_at
     FROM iap_transaction WHERE hold_id = ? AND type = 'capture' ORDER BY seq LIMIT 1`,
    [holdId]
  )
  if (!rows.length) return null
  const r = rows[0]
  return { ...r, amount: fromDb(r.amount), balance_after: fromDb(r.balance_after), created_at: new Date(r.created_at) }
}
