import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { mutate } from "./mutate"

/**
 * The expiry jobs' queries and units of work. Each unit locks one account and re-checks what
 * is due, so two workers sweeping at once expire everything exactly once.
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
