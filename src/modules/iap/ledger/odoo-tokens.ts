import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import type { IapAccountDTO } from "../../../types"
import type { IapOdooTokenDTO, IapOdooTokenFilters, LinkOdooTokenInput, LinkOdooTokenResult } from "../../../types/odoo"
import { clock } from "../utils/clock"
import { hashSecret } from "../utils/secrets"
import { findAccountByToken, listAccountsByIds } from "./accounts"
import { lockAccount } from "./db"

/**
 * Account tokens made by Odoo databases (`iap_account_token`). Odoo creates a random token per
 * service and database and sends it with every call; a customer links it to one of their
 * accounts in the store, and from then on it names that account, like the account's own token.
 */

/** Printable ASCII without spaces; Odoo's are 32 hex digits (a neutralized copy adds `+disabled`). */
export const ODOO_TOKEN = /^[\x21-\x7e]{16,200}$/
/** Odoo's `database.uuid`: a UUID, with or without dashes. */
export const ODOO_DBUUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/

const COLUMNS = `t.id, t.account_id, s.technical_name AS service, a.customer_id, t.token_hint, t.dbuuid, t.sales_channel_id,
  t.created_at, t.revoked_at
  FROM iap_account_token t JOIN iap_account a ON a.id = t.account_id JOIN iap_service s ON s.id = a.service_id`

function tokenDto(r: any): IapOdooTokenDTO {
  return {
    id: r.id,
    account_id: r.account_id,
    service: r.service,
    customer_id: r.customer_id,
    token_hint: r.token_hint,
    dbuuid: r.dbuuid,
    sales_channel_id: r.sales_channel_id,
    created_at: new Date(r.created_at).toISOString(),
    revoked_at: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
  }
}

/**
 * Odoo sends its `database.uuid` in either spelling; one form is stored and compared.
 *
 * @example
 * normalizeDbuuid("8E5F7C1A3B2D11EF9A1B0242AC120002") // "8e5f7c1a-3b2d-11ef-9a1b-0242ac120002"
 */
export function normalizeDbuuid(dbuuid: string): string {
  if (typeof dbuuid !== "string" || !ODOO_DBUUID.test(dbuuid)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "dbuuid must be the Odoo database's UUID (database.uuid)")
  }
  const hex = dbuuid.replace(/-/g, "").toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

function assertToken(token: string) {
  if (typeof token !== "string" || !ODOO_TOKEN.test(token)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "account_token must be 16 to 200 printable characters without spaces")
  }
}

async function readToken(trx: Knex, id: string): Promise<IapOdooTokenDTO | null> {
  const { rows } = await trx.raw(`SELECT ${COLUMNS} WHERE t.id = ? AND t.deleted_at IS NULL`, [id])
  return rows.length ? tokenDto(rows[0]) : null
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

/**
 * A page of links, newest first.
 *
 * @example
 * const { data, count } = await listOdooTokens(knex, { customer_id: ["cus_1"] }, { limit: 20, offset: 0 })
 */
export async function listOdooTokens(knex: Knex, filters: IapOdooTokenFilters, page: { limit: number; offset: number }) {
  const where: string[] = ["t.deleted_at IS NULL"]
  const values: any[] = []
  const any = (column: string, list?: string[]) => {
    if (list === undefined) return
    where.push(`${column} = ANY(?)`)
    values.push(list)
  }
  any("t.id", filters.id)
  any("t.account_id", filters.account_id)
  any("a.customer_id", filters.customer_id)
  any("s.technical_name", filters.service)
  any("t.dbuuid", filters.dbuuid?.map(normalizeDbuuid))
  if (filters.revoked !== undefined) where.push(filters.revoked ? "t.revoked_at IS NOT NULL" : "t.revoked_at IS NULL")
  const { rows } = await knex.raw(
    `SELECT count(*) OVER () AS full_count, ${COLUMNS} WHERE ${where.join(" AND ")}
     ORDER BY t.created_at DESC, t.id DESC LIMIT ? OFFSET ?`,
    [...values, page.limit, page.offset]
  )
  const count = rows.length ? Number(rows[0].full_count) : page.offset > 0 ? await countOdooTokens(knex, where, values) : 0
  return { data: rows.map(tokenDto), count, limit: page.limit, offset: page.offset }
}

async function countOdooTokens(knex: Knex, where: string[], values: any[]): Promise<number> {
  const { rows } = await knex.raw(
    `SELECT count(*)::int AS n FROM iap_account_token t JOIN iap_account a ON a.id = t.account_id
     JOIN iap_service s ON s.id = a.service_id WHERE ${where.join(" AND ")}`,
    values
  )
  return rows[0].n
}

export type OdooTokenAccount = {
  account: IapAccountDTO
  /** The link the token was found by; null for one of our own account tokens. */
  link: { id: string; dbuuid: string; sales_channel_id: string | null } | null
}

/**
 * The account an Odoo call's token names: a linked Odoo token first, else one of our own
 * account tokens (a customer may paste theirs into Odoo). A linked token sent with another
 * database's `dbuuid` names nothing. Compared by hash.
 *
 * @example
 * const found = await findAccountByOdooToken(knex, params.account_token, params.dbuuid ?? null)
 */
export async function findAccountByOdooToken(knex: Knex, token: string, dbuuid: string | null): Promise<OdooTokenAccount | null> {
  const { rows } = await knex.raw(
    `SELECT id, account_id, dbuuid, sales_channel_id FROM iap_account_token
     WHERE token_hash = ? AND revoked_at IS NULL AND deleted_at IS NULL`,
    [hashSecret(token)]
  )
  const link = rows[0]
  if (link) {
    if (dbuuid !== null && normalizeDbuuid(dbuuid) !== link.dbuuid) return null
    const [account] = await listAccountsByIds(knex, [link.account_id])
    return account ? { account, link: { id: link.id, dbuuid: link.dbuuid, sales_channel_id: link.sales_channel_id } } : null
  }
  const account = await findAccountByToken(knex, token)
  return account ? { account, link: null } : null
}
