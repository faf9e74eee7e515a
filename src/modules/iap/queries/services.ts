import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { hashSecret, secretMatches } from "../utils/secrets"
import type { IapAccountDTO, IapServiceDTO } from "../../../types"
import { accountDto, SELECT_ACCOUNT } from "./accounts"
import { numbered } from "../ledger/prepared"
import { callGrouped, oneRead } from "../ledger/group-commit"

/** Service reads: by id or technical name, and the provider key (with account token) lookup. */

const COLUMNS = `id, technical_name, name, description, unit_name, integer_credits, trial_credits::text AS trial_credits,
  default_warning_threshold::text AS default_warning_threshold, provider_type, status, key_hash, key_hint,
  hold_ttl_seconds, metadata, created_at, updated_at`

function serviceDto(r: any): IapServiceDTO {
  return {
    id: r.id,
    technical_name: r.technical_name,
    name: r.name,
    description: r.description,
    unit_name: r.unit_name,
    integer_credits: r.integer_credits,
    trial_credits: toNumber(fromDb(r.trial_credits)),
    default_warning_threshold: r.default_warning_threshold === null ? null : toNumber(fromDb(r.default_warning_threshold)),
    provider_type: r.provider_type,
    status: r.status,
    key_hint: r.key_hint,
    hold_ttl_seconds: r.hold_ttl_seconds,
    metadata: r.metadata,
    created_at: new Date(r.created_at).toISOString(),
    updated_at: new Date(r.updated_at).toISOString(),
  }
}

/** A service as the module answers it (never its key hash); NOT_FOUND when missing. */
export async function retrieveService(knex: Knex, id: string): Promise<IapServiceDTO> {
  const { rows } = await knex.raw(`SELECT ${COLUMNS} FROM iap_service WHERE id = ? AND deleted_at IS NULL`, [id])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${id} was not found`)
  return serviceDto(rows[0])
}

export async function retrieveServiceByName(knex: Knex, technicalName: string): Promise<IapServiceDTO> {
  const { rows } = await knex.raw(`SELECT ${COLUMNS} FROM iap_service WHERE technical_name = ? AND deleted_at IS NULL`, [technicalName])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service ${technicalName} was not found`)
  return serviceDto(rows[0])
}

const AUTHENTICATE_PROVIDER = oneRead(
  "iap_authenticate_provider",
  numbered(
    `(SELECT row_to_json(s) FROM (SELECT ${COLUMNS} FROM iap_service WHERE key_hash = ? AND deleted_at IS NULL) s) AS service,
     (SELECT row_to_json(a) FROM (${SELECT_ACCOUNT} WHERE a.token_hash = ? AND a.deleted_at IS NULL) a) AS account`
  ),
  ["text", "timestamptz", "text"]
)

/**
 * A provider request's two lookups in ONE query: the service its key authenticates and, when
 * it names one, the account its token belongs to (whichever service's: the caller checks).
 * Both by hash. `row_to_json` keeps the last of SELECT_ACCOUNT's repeated column names, the
 * `::text` forms, which is what the DTOs read. On the pool, as a prepared statement; lookups
 * arriving while one runs go together in one query (`callGrouped`), each still read fresh.
 *
 * @example
 * const { service, account } = await authenticateProvider(knex, key, body.account_token ?? null)
 */
export async function authenticateProvider(
  knex: Knex,
  key: string,
  accountToken: string | null
): Promise<{ service: IapServiceDTO | null; account: IapAccountDTO | null }> {
  if (typeof key !== "string" || key.length === 0 || key.length > 200) return { service: null, account: null }
  const { service, account } = await callGrouped(knex, AUTHENTICATE_PROVIDER, "", [
    hashSecret(key),
    clock.now().toISOString(),
    accountToken === null ? null : hashSecret(accountToken),
  ])
  if (!service || !secretMatches(key, service.key_hash)) return { service: null, account: null }
  return { service: serviceDto(service), account: account ? accountDto(account) : null }
}
