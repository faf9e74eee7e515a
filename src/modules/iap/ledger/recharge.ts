import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb, parseAmount, toDecimal, toNumber, toRaw } from "../utils/amount"
import { newId } from "./ids"
import { prepared } from "./prepared"
import type { IapAutoRechargeDTO, IapRechargeDTO, UpsertAutoRechargeData } from "../../../types/auto-recharge"

/** SQL of auto-recharge: settings, attempts, the one-in-flight rule (a partial unique index). */

const SETTINGS_COLUMNS = `r.id, r.account_id, r.enabled, r.pack_id, r.variant_id, r.quantity, r.trigger::text AS trigger,
  r.monthly_count_cap, r.monthly_amount_cap::text AS monthly_amount_cap, r.region_id, r.currency_code, r.sales_channel_id,
  r.provider_id, r.account_holder_id, r.payment_method_id, r.armed, r.disabled_reason, r.created_at, r.updated_at`

const RECHARGE_COLUMNS = `id, account_id, status, attempt, retry_of, pack_id, variant_id, quantity, credits::text AS credits,
  amount::text AS amount, currency_code, provider_id, payment_method_id, cart_id, order_id, payment_id, error_code, error,
  next_attempt_at, claimed_until, completed_at, created_at, updated_at`

const iso = (d: any) => (d ? new Date(d).toISOString() : null)
const num = (v: string | null) => (v === null ? null : toNumber(fromDb(v)))

function toSettings(r: any): IapAutoRechargeDTO {
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

const amountPair = (units: bigint | null) => (units === null ? [null, null] : [toDecimal(units), JSON.stringify(toRaw(units))])

export async function retrieveAutoRecharge(knex: Knex, accountId: string): Promise<IapAutoRechargeDTO | null> {
  const { rows } = await knex.raw(`SELECT ${SETTINGS_COLUMNS} FROM iap_auto_recharge r WHERE r.account_id = ? AND r.deleted_at IS NULL`, [accountId])
  return rows.length ? toSettings(rows[0]) : null
}

/** The settings with the account's available credits now (one statement: the trigger's first look). */
export async function autoRechargeState(knex: Knex, accountId: string) {
  // A named statement on the pool: the trigger reads this after every debit (bench scenario 3),
  // and knex's query runner cost more CPU than the read itself (see prepared.ts).
  const rows = await prepared(knex, "iap_auto_recharge_state", AUTO_RECHARGE_STATE, [accountId])
  if (!rows.length) return null
  return { settings: toSettings(rows[0]), available: fromDb(rows[0].available), account_state: rows[0].account_state as string }
}

const AUTO_RECHARGE_STATE = `SELECT ${SETTINGS_COLUMNS}, (a.balance - a.reserved + a.overdraft_limit)::text AS available, a.state AS account_state
  FROM iap_auto_recharge r JOIN iap_account a ON a.id = r.account_id
  WHERE r.account_id = $1 AND r.deleted_at IS NULL AND a.deleted_at IS NULL`

/** Creates or replaces an account's settings; saving re-arms the trigger and clears a self-switch-off. */
export async function upsertAutoRecharge(trx: Knex, accountId: string, data: UpsertAutoRechargeData): Promise<IapAutoRechargeDTO> {
  const [trigger, rawTrigger] = amountPair(parseAmount(data.trigger, { field: "trigger" }))
  const [cap, rawCap] = amountPair(data.monthly_amount_cap == null ? null : parseAmount(data.monthly_amount_cap, { field: "monthly_amount_cap" }))
  const values = [
    data.enabled, data.pack_id, data.variant_id, data.quantity, trigger, rawTrigger, data.monthly_count_cap ?? null, cap, rawCap,
    data.region_id, data.currency_code, data.sales_channel_id ?? null, data.provider_id, data.account_holder_id, data.payment_method_id,
  ]
  const { rows } = await trx.raw(
    `INSERT INTO iap_auto_recharge AS r (id, account_id, enabled, pack_id, variant_id, quantity, trigger, raw_trigger, monthly_count_cap,
       monthly_amount_cap, raw_monthly_amount_cap, region_id, currency_code, sales_channel_id, provider_id, account_holder_id,
       payment_method_id, armed, disabled_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?::jsonb, ?, ?::numeric, ?::jsonb, ?, ?, ?, ?, ?, ?, true, null)
     ON CONFLICT (account_id) WHERE deleted_at IS NULL DO UPDATE SET enabled = EXCLUDED.enabled, pack_id = EXCLUDED.pack_id,
       variant_id = EXCLUDED.variant_id, quantity = EXCLUDED.quantity, trigger = EXCLUDED.trigger, raw_trigger = EXCLUDED.raw_trigger,
       monthly_count_cap = EXCLUDED.monthly_count_cap, monthly_amount_cap = EXCLUDED.monthly_amount_cap,
       raw_monthly_amount_cap = EXCLUDED.raw_monthly_amount_cap, region_id = EXCLUDED.region_id, currency_code = EXCLUDED.currency_code,
       sales_channel_id = EXCLUDED.sales_channel_id, provider_id = EXCLUDED.provider_id, account_holder_id = EXCLUDED.account_holder_id,
       payment_method_id = EXCLUDED.payment_method_id, armed = true, disabled_reason = null, updated_at = now()
     RETURNING ${SETTINGS_COLUMNS}`,
    [newId("iaparc"), accountId, ...values]
  )
  return toSettings(rows[0])
}

export async function deleteAutoRecharge(trx: Knex, accountId: string): Promise<boolean> {
  const n = await trx("iap_auto_recharge").where({ account_id: accountId }).whereNull("deleted_at").delete()
  return n > 0
}

/** Re-arms the trigger once available credits are back at it (edge-like, as the low-balance warning). */
export async function rearmAutoRecharge(knex: Knex, accountId: string): Promise<boolean> {
  const { rowCount } = await knex.raw(
    `UPDATE iap_auto_recharge r SET armed = true, updated_at = now() FROM iap_account a
     WHERE r.account_id = ? AND a.id = r.account_id AND NOT r.armed AND r.deleted_at IS NULL
       AND a.balance - a.reserved + a.overdraft_limit >= r.trigger`,
    [accountId]
  )
  return rowCount > 0
}

export type StartRechargeOutcome =
  | { started: IapRechargeDTO; settings: IapAutoRechargeDTO }
  | { capped: IapRechargeDTO; settings: IapAutoRechargeDTO; reason: "count" | "amount" }
  | null

/**
 * Starts a recharge when the trigger fires: under the settings row's lock, re-checks that it is
 * on, armed and below the trigger, checks the calendar month's caps (what succeeded or is in
 * flight; `price` is what this one will cost), then disarms and writes the attempt (`pending`),
 * or a `capped` row. The partial unique index refuses a second attempt in flight, whatever
 * process tries: that insert fails and the transaction rolls back (null).
 */
export async function startRecharge(
  trx: Knex,
  input: { account_id: string; price: bigint | null; now: Date; retry_of?: { id: string; attempt: number } | null }
): Promise<StartRechargeOutcome> {
  const { rows } = await trx.raw(
    `SELECT ${SETTINGS_COLUMNS}, (a.balance - a.reserved + a.overdraft_limit)::text AS available, a.state AS account_state,
       (SELECT s.credits::text FROM iap_credit_pack s WHERE s.id = r.pack_id) AS pack_credits
     FROM iap_auto_recharge r JOIN iap_account a ON a.id = r.account_id
     WHERE r.account_id = ? AND r.deleted_at IS NULL FOR UPDATE OF r`,
    [input.account_id]
  )
  if (!rows.length) return null
  const s = toSettings(rows[0])
  const available = fromDb(rows[0].available)
  if (!s.enabled || rows[0].account_state !== "active" || rows[0].pack_credits === null) return null
  const below = available < fromDb(rows[0].trigger)
  // A first attempt needs a fresh downward crossing; a retry is due by its schedule, unless the
  // credits are back at the trigger meanwhile (bought by hand): then it is dropped.
  if (!input.retry_of && (!s.armed || !below)) return null
  if (input.retry_of && !below) {
    await trx.raw(`UPDATE iap_recharge SET next_attempt_at = NULL, updated_at = ? WHERE id = ?`, [input.now.toISOString(), input.retry_of.id])
    return null
  }

  const monthStart = new Date(Date.UTC(input.now.getUTCFullYear(), input.now.getUTCMonth(), 1))
  const { rows: [usage] } = await trx.raw(
    `SELECT count(*)::int AS n, coalesce(sum(amount), 0)::text AS spent FROM iap_recharge
     WHERE account_id = ? AND status IN ('pending', 'processing', 'succeeded') AND created_at >= ? AND deleted_at IS NULL`,
    [input.account_id, monthStart.toISOString()]
  )
  const price = input.price
  const cappedBy =
    s.monthly_count_cap !== null && usage.n >= s.monthly_count_cap
      ? "count"
      : s.monthly_amount_cap !== null && price !== null && fromDb(usage.spent) + price > parseAmount(s.monthly_amount_cap, { allowZero: true })
        ? "amount"
        : null

  await trx.raw(`UPDATE iap_auto_recharge SET armed = false, updated_at = now() WHERE id = ?`, [s.id])
  const credits = fromDb(rows[0].pack_credits) * BigInt(s.quantity)
  const [amount, rawAmount] = amountPair(price)
  const [c, rawC] = amountPair(credits)
  const status = cappedBy ? "capped" : "pending"
  try {
    await trx.raw("SAVEPOINT iap_recharge_insert")
    const { rows: inserted } = await trx.raw(
      `INSERT INTO iap_recharge (id, account_id, status, attempt, retry_of, pack_id, variant_id, quantity, credits, raw_credits, amount,
         raw_amount, currency_code, provider_id, payment_method_id, error_code, error, completed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::numeric, ?::jsonb, ?::numeric, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
       RETURNING ${RECHARGE_COLUMNS}`,
      [
        newId("iaprch"), input.account_id, status, input.retry_of ? input.retry_of.attempt + 1 : 1, input.retry_of?.id ?? null,
        s.pack_id, s.variant_id, s.quantity, c, rawC, amount, rawAmount, s.currency_code, s.provider_id, s.payment_method_id,
        cappedBy ? `cap_${cappedBy}` : null, cappedBy ? `Monthly ${cappedBy} cap reached` : null,
        cappedBy ? input.now.toISOString() : null, input.now.toISOString(), input.now.toISOString(),
      ]
    )
    const recharge = toRecharge(inserted[0])
    const settings = { ...s, armed: false }
    return cappedBy ? { capped: recharge, settings, reason: cappedBy } : { started: recharge, settings }
  } catch (e: any) {
    if (e?.code !== "23505") throw e
    // Another attempt is in flight (or this retry was already made): nothing to start.
    await trx.raw("ROLLBACK TO SAVEPOINT iap_recharge_insert")
    await trx.raw(`UPDATE iap_auto_recharge SET armed = ? WHERE id = ?`, [s.armed, s.id])
    return null
  }
}

/**
 * Takes an attempt for this process until `until`: a `pending` one, or a `processing` one
 * whose previous owner's claim ran out (it crashed). Null when someone else holds it or it is done.
 */
export async function claimRecharge(knex: Knex, id: string, now: Date, until: Date): Promise<IapRechargeDTO | null> {
  const { rows } = await knex.raw(
    `UPDATE iap_recharge SET status = 'processing', claimed_until = ?, updated_at = ?
     WHERE id = ? AND deleted_at IS NULL AND (status = 'pending' OR (status = 'processing' AND (claimed_until IS NULL OR claimed_until <= ?)))
     RETURNING ${RECHARGE_COLUMNS}`,
    [until.toISOString(), now.toISOString(), id, now.toISOString()]
  )
  return rows.length ? toRecharge(rows[0]) : null
}

export type RechargeUpdate = Partial<Pick<IapRechargeDTO, "status" | "cart_id" | "order_id" | "payment_id" | "error_code" | "error">> & {
  amount?: number | null
  next_attempt_at?: Date | null
  completed_at?: Date | null
  claimed_until?: Date | null
}

export async function updateRecharge(knex: Knex, id: string, data: RechargeUpdate, now: Date): Promise<IapRechargeDTO> {
  const set: Record<string, unknown> = { updated_at: now }
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined) continue
    if (k === "amount") {
      const [a, raw] = amountPair(v === null ? null : parseAmount(v, { field: "amount", allowZero: true }))
      set.amount = a
      set.raw_amount = raw
    } else set[k] = v
  }
  const rows = await knex("iap_recharge").where({ id }).update(set).returning("id")
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Recharge with id: ${id} was not found`)
  return (await retrieveRecharge(knex, id))!
}

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

/** Auto-recharge switches itself off (after the last declined retry). */
export async function disableAutoRecharge(knex: Knex, accountId: string, reason: string): Promise<void> {
  await knex.raw(`UPDATE iap_auto_recharge SET enabled = false, disabled_reason = ?, updated_at = now() WHERE account_id = ? AND deleted_at IS NULL`, [
    reason,
    accountId,
  ])
}
