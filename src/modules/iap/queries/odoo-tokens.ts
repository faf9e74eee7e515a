import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IapAccountDTO } from "../../../types"
import type { IapOdooTokenDTO, IapOdooTokenFilters } from "../../../types/odoo"
import { normalizeDbuuid } from "../utils/odoo"
import { hashSecret } from "../utils/secrets"
import { findAccountByToken, listAccountsByIds } from "./accounts"

/** Reads of the account tokens Odoo databases made (`iap_account_token`): lists and lookups by token. */

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

export async function readToken(trx: Knex, id: string): Promise<IapOdooTokenDTO | null> {
  const { rows } = await trx.raw(`SELECT ${COLUMNS} WHERE t.id = ? AND t.deleted_at IS NULL`, [id])
  return rows.length ? tokenDto(rows[0]) : null
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
