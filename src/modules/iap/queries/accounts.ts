import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { hashSecret } from "../utils/secrets"
import { toAccount } from "../ledger/db"
import { balancesDto } from "../ledger/dto"
import type { IapAccountDTO, ResolveIapAccountInput } from "../../../types"

/** Account reads: O(1) balances from the account row, by id, token or the holder's resolution. */

export const SELECT_ACCOUNT = `SELECT a.*, a.balance::text AS balance, a.reserved::text AS reserved, a.pending::text AS pending,
  a.debt::text AS debt, a.overdraft_limit::text AS overdraft_limit, a.warning_threshold::text AS warning_threshold,
  s.technical_name, s.name AS service_name, s.unit_name, s.integer_credits, s.status AS service_status, s.hold_ttl_seconds,
  (SELECT coalesce(sum(l.remaining - l.reserved), 0)::text FROM iap_credit_lot l
    WHERE l.account_id = a.id AND l.status = 'available' AND l.expires_at <= ? AND l.remaining > l.reserved
      AND l.deleted_at IS NULL) AS due
  FROM iap_account a JOIN iap_service s ON s.id = a.service_id`

/**
 * Account row → DTO. Lots past expiry that the job has not swept yet already stop counting
 * (`due`), so a read is exact at once and still O(1) in the ledger's length.
 */
export function accountDto(r: any): IapAccountDTO {
  const a = toAccount(r)
  return {
    ...balancesDto({ ...a, balance: a.balance - fromDb(r.due) }),
    sales_channel_ids: a.sales_channel_ids,
    token_hint: r.token_hint,
    warning_threshold: a.warning_threshold === null ? null : toNumber(a.warning_threshold),
    warning_emails: a.warning_emails,
    warning_armed: a.warning_armed,
    metadata: r.metadata ?? null,
    created_at: new Date(r.created_at).toISOString(),
    updated_at: new Date(r.updated_at).toISOString(),
  }
}

export async function retrieveAccount(trx: Knex, id: string): Promise<IapAccountDTO> {
  const { rows } = await trx.raw(`${SELECT_ACCOUNT} WHERE a.id = ? AND a.deleted_at IS NULL`, [clock.now(), id])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP account with id: ${id} was not found`)
  return accountDto(rows[0])
}

export async function listAccountsByIds(trx: Knex, ids: string[]): Promise<IapAccountDTO[]> {
  if (!ids.length) return []
  const { rows } = await trx.raw(`${SELECT_ACCOUNT} WHERE a.id = ANY(?) AND a.deleted_at IS NULL`, [clock.now(), ids])
  return rows.map(accountDto)
}

/** The account a token belongs to, or null. The token is compared by its hash. */
export async function findAccountByToken(trx: Knex, token: string): Promise<IapAccountDTO | null> {
  const { rows } = await trx.raw(`${SELECT_ACCOUNT} WHERE a.token_hash = ? AND a.deleted_at IS NULL`, [clock.now(), hashSecret(token)])
  return rows.length ? accountDto(rows[0]) : null
}

/**
 * The account resolution (docs/rules.md §1) picks among the holder's existing accounts, or null when
 * `resolveAccount` would create one. Creates nothing (used to check a cart before checkout).
 *
 * @example
 * const account = await findResolvedAccount(trx, { service_id, customer_id: "cus_1", sales_channel_id: "sc_1" })
 */
export async function findResolvedAccount(trx: Knex, input: ResolveIapAccountInput): Promise<IapAccountDTO | null> {
  const { rows } = await trx.raw(
    `${SELECT_ACCOUNT}
     WHERE a.service_id = ? AND a.customer_id IS NOT DISTINCT FROM ? AND a.state <> 'closed' AND a.deleted_at IS NULL
       AND (a.sales_channel_ids = '{}' OR ?::text = ANY(a.sales_channel_ids))
     ORDER BY (a.sales_channel_ids = '{}') ASC, a.created_at DESC, a.id DESC LIMIT 1`,
    [clock.now(), input.service_id, input.customer_id ?? null, input.sales_channel_id ?? null]
  )
  return rows.length ? accountDto(rows[0]) : null
}
