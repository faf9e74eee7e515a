import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import type { IapOdooTokenDTO, LinkOdooTokenInput, LinkOdooTokenResult } from "../../../types/odoo"
import { findAccountByToken } from "../queries/accounts"
import { readToken } from "../queries/odoo-tokens"
import { clock } from "../utils/clock"
import { normalizeDbuuid, ODOO_TOKEN } from "../utils/odoo"
import { hashSecret } from "../utils/secrets"
import { lockAccount } from "./db"

/**
 * Account tokens made by Odoo databases (`iap_account_token`). Odoo creates a random token per
 * service and database and sends it with every call; a customer links it to one of their
 * accounts in the store, and from then on it names that account, like the account's own token.
 * Links and revocations here; lookups in queries/odoo-tokens.ts.
 */

function assertToken(token: string) {
  if (typeof token !== "string" || !ODOO_TOKEN.test(token)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "account_token must be 16 to 200 printable characters without spaces")
  }
}

/**
 * Links an Odoo database's token to an account, under the account's lock. Linking the same
 * token to the same account and database again changes nothing (`created: false`); a token
 * linked elsewhere (or one of our own account tokens) is a 409 until that link is revoked.
 *
 * @example
 * const { odoo_token } = await linkOdooToken(trx, { account_id: "iapacc_1", token: "6f1c…", dbuuid: "1b4e…" })
 */
export async function linkOdooToken(trx: Knex, input: LinkOdooTokenInput): Promise<LinkOdooTokenResult> {
  assertToken(input.token)
  const dbuuid = normalizeDbuuid(input.dbuuid)
  await lockAccount(trx, input.account_id)
  const hash = hashSecret(input.token)
  const taken = () =>
    new MedusaError(
      MedusaError.Types.CONFLICT,
      "This account token is already linked to an IAP account: revoke that link first",
      "odoo_token_linked"
    )
  const own = await trx.raw(`SELECT 1 FROM iap_account WHERE token_hash = ? AND deleted_at IS NULL`, [hash])
  if (own.rows.length) throw taken()
  const id = generateEntityId(undefined, "iapotok")
  const now = clock.now()
  const { rows } = await trx.raw(
    `INSERT INTO iap_account_token (id, account_id, token_hash, token_hint, dbuuid, sales_channel_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id`,
    [id, input.account_id, hash, `…${input.token.slice(-4)}`, dbuuid, input.sales_channel_id ?? null, now, now]
  )
  if (rows.length) return { odoo_token: (await readToken(trx, id))!, created: true }
  const existing = await trx.raw(
    `SELECT id, account_id, dbuuid FROM iap_account_token WHERE token_hash = ? AND revoked_at IS NULL AND deleted_at IS NULL`,
    [hash]
  )
  const link = existing.rows[0]
  if (!link || link.account_id !== input.account_id || link.dbuuid !== dbuuid) throw taken()
  return { odoo_token: (await readToken(trx, link.id))!, created: false }
}

/**
 * Revokes a link: the token stops naming the account at once and may be linked again. Revoking
 * a revoked link changes nothing. `customer_id` scopes it to a customer's own links (404 else).
 *
 * @example
 * await revokeOdooToken(trx, "iapotok_1", { customer_id: "cus_1" })
 */
export async function revokeOdooToken(trx: Knex, id: string, scope: { customer_id?: string } = {}): Promise<IapOdooTokenDTO> {
  const found = await readToken(trx, id)
  if (!found || (scope.customer_id !== undefined && found.customer_id !== scope.customer_id)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Odoo account token with id: ${id} was not found`)
  }
  if (found.revoked_at) return found
  await lockAccount(trx, found.account_id)
  const now = clock.now()
  await trx.raw(`UPDATE iap_account_token SET revoked_at = ?, updated_at = ? WHERE id = ? AND revoked_at IS NULL`, [now, now, id])
  return (await readToken(trx, id))!
}
