import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { mutate } from "./mutate"

/**
 * The expiry jobs' queries and units of work. Each unit locks one account and re-checks what
 * is due, so two workers sweeping at once expire everything exactly once.
 */

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

/** Expires the due lots of one account (one `expiry` row per lot for its unreserved remainder). */
export async function expireAccountLots(trx: Knex, accountId: string) {
  return mutate(
    trx,
    { account_id: accountId, operation: "expire_lots", idempotency_key: null, request: {}, states: ["active", "suspended", "closed"] },
    (b) => {
      if (!b.expiredLotIds.length) b.noop = true
      return {}
    }
  )
}
