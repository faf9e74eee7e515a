import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { listAccountsWithDueLots, listDueHoldIds } from "../queries/due"
import { clock } from "../utils/clock"
import { expireHold } from "./holds"
import { mutate } from "./mutate"

/**
 * The expiry jobs' units of work (what is due: queries/due.ts). Each unit locks one account and
 * re-checks what is due, so two workers sweeping at once expire everything exactly once.
 */

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

const BATCH = 500

/**
 * Expires every due hold, each in its own transaction, and returns the expired ones. Safe to
 * run from several workers at once: each hold is re-checked under its account's lock.
 *
 * @example
 * const expired = await expireDueHolds(knex)
 */
export async function expireDueHolds(pool: Knex) {
  const expired: Awaited<ReturnType<typeof expireHold>>[] = []
  for (let ids = await listDueHoldIds(pool, clock.now(), BATCH); ids.length; ids = await listDueHoldIds(pool, clock.now(), BATCH)) {
    const before = expired.length
    for (const id of ids) {
      const res = await pool.transaction((trx: Knex) => expireHold(trx, id))
      if (res.expired) expired.push(res)
    }
    if (expired.length === before) break
  }
  return expired
}

/**
 * Expires every due lot, one account per transaction; one result per account that had some.
 *
 * @example
 * const results = await expireDueLots(knex)
 */
export async function expireDueLots(pool: Knex) {
  const results: Awaited<ReturnType<typeof expireAccountLots>>[] = []
  for (let ids = await listAccountsWithDueLots(pool, clock.now(), BATCH); ids.length; ids = await listAccountsWithDueLots(pool, clock.now(), BATCH)) {
    let progressed = false
    for (const id of ids) {
      const res = await pool.transaction((trx: Knex) => expireAccountLots(trx, id))
      if (res.expired_lot_ids.length) {
        results.push(res)
        progressed = true
      }
    }
    if (!progressed) break
  }
  return results
}
