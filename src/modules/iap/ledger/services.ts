import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { MAX_HOLD_TTL_SECONDS } from "../options"
import { fromDb, parseAmount, toDecimal, toNumber, toRaw } from "../utils/amount"
import { clock } from "../utils/clock"
import { newSecret, secretMatches, hashSecret } from "../utils/secrets"
import type { CreateIapServiceInput, IapAccountDTO, IapServiceDTO, UpdateIapServiceInput } from "../../../types"
import { accountDto, SELECT_ACCOUNT } from "./accounts"
import { numbered, prepared } from "./prepared"

/** IAP services: definitions, and the hashed keys third-party providers authenticate with. */

export const TECHNICAL_NAME = /^[a-z][a-z0-9_]{1,62}$/

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

async function read(trx: Knex, id: string): Promise<any> {
  const { rows } = await trx.raw(`SELECT ${COLUMNS} FROM iap_service WHERE id = ? AND deleted_at IS NULL`, [id])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${id} was not found`)
  return rows[0]
}

function text(value: unknown, field: string, max = 255): string {
  if (typeof value !== "string" || value.trim() === "" || value.length > max) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} must be a non-empty text of at most ${max} characters`)
  }
  return value.trim()
}

function ttl(value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (!Number.isInteger(value) || (value as number) <= 0 || (value as number) > MAX_HOLD_TTL_SECONDS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `hold_ttl_seconds must be a whole number from 1 to ${MAX_HOLD_TTL_SECONDS} (180 days)`)
  }
  return value as number
}

function amountColumns(value: unknown, field: string): [string | null, string | null] {
  if (value === null || value === undefined) return [null, null]
  const units = parseAmount(value, { field, allowZero: true })
  return [toDecimal(units), JSON.stringify(toRaw(units))]
}

/**
 * Creates a service. A third-party service gets a key, returned in plain text this once.
 *
 * @example
 * const { service, key } = await createService(trx, { technical_name: "sms", name: "SMS", provider_type: "third_party" })
 */
export async function createService(trx: Knex, data: CreateIapServiceInput) {
  if (typeof data.technical_name !== "string" || !TECHNICAL_NAME.test(data.technical_name)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "technical_name must start with a lowercase letter and contain 2 to 63 lowercase letters, digits or underscores"
    )
  }
  const providerType = data.provider_type ?? "first_party"
  if (!["first_party", "third_party"].includes(providerType)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "provider_type must be first_party or third_party")
  }
  const key = providerType === "third_party" ? newSecret("iapk") : null
  const [trial, rawTrial] = amountColumns(data.trial_credits ?? 0, "trial_credits")
  const [threshold, rawThreshold] = amountColumns(data.default_warning_threshold, "default_warning_threshold")
  const id = generateEntityId(undefined, "iapsvc")
  const now = clock.now()
  const { rows } = await trx.raw(
    `INSERT INTO iap_service (id, technical_name, name, description, unit_name, integer_credits, trial_credits, raw_trial_credits,
       default_warning_threshold, raw_default_warning_threshold, provider_type, key_hash, key_hint, hold_ttl_seconds, metadata,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?::numeric, ?::jsonb, ?::numeric, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, ?)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      id, data.technical_name, text(data.name, "name"), data.description ?? null, text(data.unit_name ?? "credits", "unit_name", 50),
      !!data.integer_credits, trial, rawTrial, threshold, rawThreshold, providerType, key?.hash ?? null, key?.hint ?? null,
      ttl(data.hold_ttl_seconds), data.metadata ? JSON.stringify(data.metadata) : null, now, now,
    ]
  )
  if (!rows.length) {
    throw new MedusaError(MedusaError.Types.CONFLICT, `An IAP service named ${data.technical_name} already exists`)
  }
  return { service: serviceDto(await read(trx, id)), key: key?.secret ?? null }
}

export async function updateService(trx: Knex, id: string, data: UpdateIapServiceInput): Promise<IapServiceDTO> {
  await read(trx, id)
  const sets: string[] = []
  const values: any[] = []
  const set = (sql: string, ...v: unknown[]) => {
    sets.push(sql)
    values.push(...v)
  }
  if (data.name !== undefined) set("name = ?", text(data.name, "name"))
  if (data.description !== undefined) set("description = ?", data.description)
  if (data.unit_name !== undefined) set("unit_name = ?", text(data.unit_name, "unit_name", 50))
  if (data.integer_credits !== undefined) set("integer_credits = ?", !!data.integer_credits)
  if (data.trial_credits !== undefined) set("trial_credits = ?::numeric, raw_trial_credits = ?::jsonb", ...amountColumns(data.trial_credits ?? 0, "trial_credits"))
  if (data.default_warning_threshold !== undefined) {
    set("default_warning_threshold = ?::numeric, raw_default_warning_threshold = ?::jsonb", ...amountColumns(data.default_warning_threshold, "default_warning_threshold"))
  }
  if (data.hold_ttl_seconds !== undefined) set("hold_ttl_seconds = ?", ttl(data.hold_ttl_seconds))
  if (data.status !== undefined) {
    if (!["active", "archived"].includes(data.status)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "status must be active or archived")
    }
    set("status = ?", data.status)
  }
  if (data.metadata !== undefined) set("metadata = ?::jsonb", data.metadata === null ? null : JSON.stringify(data.metadata))
  if (sets.length) {
    set("updated_at = ?", clock.now())
    await trx.raw(`UPDATE iap_service SET ${sets.join(", ")} WHERE id = ?`, [...values, id])
  }
  return serviceDto(await read(trx, id))
}

/** Issues a new key for a third-party service; the old one stops working at once. */
export async function rotateServiceKey(trx: Knex, id: string) {
  const row = await read(trx, id)
  if (row.provider_type !== "third_party") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `IAP service ${row.technical_name} is first-party: it has no key`)
  }
  const key = newSecret("iapk")
  await trx.raw(`UPDATE iap_service SET key_hash = ?, key_hint = ?, updated_at = ? WHERE id = ?`, [key.hash, key.hint, clock.now(), id])
  return { service: serviceDto(await read(trx, id)), key: key.secret }
}

export async function retrieveServiceByName(trx: Knex, technicalName: string): Promise<IapServiceDTO> {
  const { rows } = await trx.raw(`SELECT ${COLUMNS} FROM iap_service WHERE technical_name = ? AND deleted_at IS NULL`, [technicalName])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service ${technicalName} was not found`)
  return serviceDto(rows[0])
}

const AUTHENTICATE_PROVIDER = numbered(
  `SELECT (SELECT row_to_json(s) FROM (SELECT ${COLUMNS} FROM iap_service WHERE key_hash = ? AND deleted_at IS NULL) s) AS service,
     (SELECT row_to_json(a) FROM (${SELECT_ACCOUNT} WHERE a.token_hash = ? AND a.deleted_at IS NULL) a) AS account`
)

/**
 * A provider request's two lookups in ONE query: the service its key authenticates and, when
 * it names one, the account its token belongs to (whichever service's: the caller checks).
 * Both by hash. `row_to_json` keeps the last of SELECT_ACCOUNT's repeated column names, the
 * `::text` forms, which is what the DTOs read. On the pool, as a prepared statement.
 *
 * @example
 * const { service, account } = await authenticateProvider(knex, key, body.account_token ?? null)
 */
export async function authenticateProvider(
  trx: Knex,
  key: string,
  accountToken: string | null
): Promise<{ service: IapServiceDTO | null; account: IapAccountDTO | null }> {
  if (typeof key !== "string" || key.length === 0 || key.length > 200) return { service: null, account: null }
  const rows = await prepared(trx, "iap_authenticate_provider", AUTHENTICATE_PROVIDER, [
    hashSecret(key),
    clock.now(),
    accountToken === null ? null : hashSecret(accountToken),
  ])
  const { service, account } = rows[0]
  if (!service || !secretMatches(key, service.key_hash)) return { service: null, account: null }
  return { service: serviceDto(service), account: account ? accountDto(account) : null }
}

