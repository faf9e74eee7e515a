import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { callGrouped, oneRead } from "../ledger/group-commit"
import { fromDb, toNumber } from "../utils/amount"
import type { IapAutoRechargeDTO, IapRechargeDTO } from "../../../types/auto-recharge"

/** Auto-recharge reads: an account's settings and attempts, and the attempts the jobs pick up. */

export const SETTINGS_COLUMNS = `r.id, r.account_id, r.enabled, r.pack_id, r.variant_id, r.quantity, r.trigger::text AS trigger,
  r.monthly_count_cap, r.monthly_amount_cap::text AS monthly_amount_cap, r.region_id, r.currency_code, r.sales_channel_id,
  r.provider_id, r.account_holder_id, r.payment_method_id, r.armed, r.disabled_reason, r.created_at, r.updated_at`

const iso = (d: any) => (d ? new Date(d).toISOString() : null)
const num = (v: string | null) => (v === null ? null : toNumber(fromDb(v)))

export function toSettings(r: any): IapAutoRechargeDTO {
  return {
    id: r.id, account_id: r.account_id, enabled: r.enabled, pack_id: r.pack_id, variant_id: r.variant_id, quantity: r.quantity,
    trigger: num(r.trigger)!, monthly_count_cap: r.monthly_count_cap, monthly_amount_cap: num(r.monthly_amount_cap),
    region_id: r.region_id, currency_code: r.currency_code, sales_channel_id: r.sales_channel_id, provider_id: r.provider_id,
    account_holder_id: r.account_holder_id, payment_method_id: r.payment_method_id, armed: r.armed,
    disabled_reason: r.disabled_reason, created_at: iso(r.created_at)!, updated_at: iso(r.updated_at)!,
  }
}

export function toRecharge(r: any): IapRechargeDTO {
  return {
    id: r.id, account_id: r.account_id, status: r.status, attempt: r.attempt, retry_of: r.retry_of, pack_id: r.pack_id,
    variant_id: r.variant_id, quantity: r.quantity, credits: num(r.credits)!, amount: num(r.amount), currency_code: r.currency_code,
    provider_id: r.provider_id, payment_method_id: r.payment_method_id, cart_id: r.cart_id, order_id: r.order_id,
    payment_id: r.payment_id, error_code: r.error_code, error: r.error, next_attempt_at: iso(r.next_attempt_at),
    claimed_until: iso(r.claimed_until), completed_at: iso(r.completed_at), created_at: iso(r.created_at)!, updated_at: iso(r.updated_at)!,
  }
}

export async function retrieveAutoRecharge(knex: Knex, accountId: string): Promise<IapAutoRechargeDTO | null> {
  const { rows } = await knex.raw(`SELECT ${SETTINGS_COLUMNS} FROM iap_auto_recharge r WHERE r.account_id = ? AND r.deleted_at IS NULL`, [accountId])
  return rows.length ? toSettings(rows[0]) : null
}

/** Whether the account has auto-recharge settings on: what `iap_debit` v4 answers in `auto_recharge`. */
export async function hasAutoRecharge(knex: Knex, accountId: string): Promise<boolean> {
  const { rows } = await knex.raw(
    "SELECT EXISTS (SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = ? AND r.enabled AND r.deleted_at IS NULL) AS auto_recharge",
    [accountId]
  )
  return rows[0].auto_recharge === true
}

/** The settings with the account's available credits now (one statement: the trigger's first look). */
export async function autoRechargeState(knex: Knex, accountId: string) {
  // A named statement on the pool, grouped with the reads arriving while one runs: the trigger
  // reads this after every change of an account with settings on (bench/scenarios/http.js).
  const { state } = await callGrouped(knex, AUTO_RECHARGE_STATE, "", [accountId])
  if (!state) return null
  return { settings: toSettings(state), available: fromDb(state.available), account_state: state.account_state as string }
}

const AUTO_RECHARGE_STATE = oneRead(
  "iap_auto_recharge_state",
  `(SELECT row_to_json(x) FROM (SELECT ${SETTINGS_COLUMNS}, (a.balance - a.reserved + a.overdraft_limit)::text AS available,
     a.state AS account_state FROM iap_auto_recharge r JOIN iap_account a ON a.id = r.account_id
     WHERE r.account_id = $1 AND r.deleted_at IS NULL AND a.deleted_at IS NULL) x) AS state`,
  ["text"]
)

export async function retrieveRecharge(knex: Knex, id: string): Promise<IapRechargeDTO | null> {
  const { rows } = await knex.raw(`SELECT ${RECHARGE_COLUMNS} FROM iap_recharge WHERE id = ? AND deleted_at IS NULL`, [id])
  return rows.length ? toRecharge(rows[0]) : null
}

export async function listRecharges(knex: Knex, accountId: string, limit: number): Promise<IapRechargeDTO[]> {
  const { rows } = await knex.raw(
    `SELECT ${RECHARGE_COLUMNS} FROM iap_recharge WHERE account_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`,
    [accountId, limit]
  )
  return rows.map(toRecharge)
}

/** Declined attempts whose retry is due: the account's latest attempt (a newer one, retry or not, supersedes it). */
export async function listDueRetries(knex: Knex, now: Date, limit: number): Promise<IapRechargeDTO[]> {
  const { rows } = await knex.raw(
    `SELECT ${RECHARGE_COLUMNS} FROM iap_recharge f
     WHERE f.status = 'failed' AND f.next_attempt_at <= ? AND f.deleted_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM iap_recharge n WHERE n.account_id = f.account_id AND n.created_at > f.created_at AND n.deleted_at IS NULL)
     ORDER BY f.next_attempt_at LIMIT ?`,
    [now.toISOString(), limit]
  )
  return rows.map(toRecharge)
}

/** Attempts in flight that no process owns (never claimed, or the owner's claim ran out). */
export async function listStaleRecharges(knex: Knex, now: Date, limit: number): Promise<IapRechargeDTO[]> {
  const { rows } = await knex.raw(
    `SELECT ${RECHARGE_COLUMNS} FROM iap_recharge
     WHERE status IN ('pending', 'processing') AND (claimed_until IS NULL OR claimed_until <= ?) AND deleted_at IS NULL
     ORDER BY created_at LIMIT ?`,
    [now.toISOString(), limit]
  )
  return rows.map(toRecharge)
}

export const RECHARGE_COLUMNS = `id, account_id, status, attempt, retry_of, pack_id, variant_id, quantity, credits::text AS credits,
  amount::text AS amount, currency_code, provider_id, payment_method_id, cart_id, order_id, payment_id, error_code, error,
  next_attempt_at, claimed_until, completed_at, created_at, updated_at`
