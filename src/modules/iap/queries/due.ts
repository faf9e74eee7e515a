import type { Knex } from "@medusajs/framework/mikro-orm/knex"

/** What the expiry jobs have to do: accounts with due lots, due holds (each then expired under its lock). */

/**
 * Accounts with a due lot that still holds credits. A lot used up before its expiry has nothing
 * to expire (the sweep only loads lots with `remaining > 0`): listing it would return its account
 * forever and, 500 such accounts on, starve every account after them.
 */
export async function listAccountsWithDueLots(trx: Knex, now: Date, limit: number): Promise<string[]> {
  const { rows } = await trx.raw(
    `SELECT DISTINCT account_id FROM iap_credit_lot
     WHERE status = 'available' AND expires_at <= ? AND remaining > 0 AND deleted_at IS NULL
     ORDER BY account_id LIMIT ?`,
    [now, limit]
  )
  return rows.map((r: any) => r.account_id)
}

export async function listDueHoldIds(trx: Knex, now: Date, limit: number): Promise<string[]> {
  const { rows } = await trx.raw(
    `SELECT id FROM iap_hold WHERE status = 'pending' AND expires_at <= ? AND deleted_at IS NULL
     ORDER BY expires_at, id LIMIT ?`,
    [now, limit]
  )
  return rows.map((r: any) => r.id)
}
