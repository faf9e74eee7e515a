import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { toDecimal, toRaw } from "../utils/amount"
import { clock } from "../utils/clock"
import { parseRate, Rate, RateInput, validateRates } from "../utils/pricing"
import { newId } from "./ids"

/**
 * Rate card writes (docs/rate-cards.md): each locks the service row and bumps its
 * `rate_revision`, so a price computed from an older cached card is never charged.
 */

export const MAX_RATES_PER_VERSION = 5000

async function lockService(trx: Knex, serviceId: string): Promise<void> {
  const { rows } = await trx.raw(
    `UPDATE iap_service SET rate_revision = rate_revision + 1 WHERE id = ? AND deleted_at IS NULL RETURNING id`,
    [serviceId]
  )
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${serviceId} was not found`)
}

function parseRates(value: unknown): Omit<Rate, "id">[] {
  if (!Array.isArray(value)) throw new MedusaError(MedusaError.Types.INVALID_DATA, "rates must be a list")
  if (value.length > MAX_RATES_PER_VERSION) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `rates may have at most ${MAX_RATES_PER_VERSION} entries`)
  }
  const rates = value.map((r, i) => parseRate(r as RateInput, `rates[${i}]`))
  validateRates(rates)
  return rates
}

/** A `valid_from` must not be in the past: past charges keep the version they were priced with. */
function parseValidFrom(value: unknown, now: Date): Date {
  if (value === undefined || value === null) return now
  const d = new Date(value as string)
  if (Number.isNaN(d.getTime())) throw new MedusaError(MedusaError.Types.INVALID_DATA, "valid_from must be a date")
  if (d.getTime() < now.getTime()) throw new MedusaError(MedusaError.Types.INVALID_DATA, "valid_from must not be in the past")
  return d
}

async function insertRates(trx: Knex, versionId: string, rates: Omit<Rate, "id">[], now: Date) {
  if (!rates.length) return
  // Ids sorted in the given order: rates are read back by id, so an export lists them as imported.
  const ids = rates.map(() => newId("iaprate")).sort()
  const rows = rates.map((r, i) => ({
    id: ids[i],
    rate_version_id: versionId,
    metric: r.metric,
    dimensions: JSON.stringify(r.dimensions),
    unit_credits: r.unit_credits === null ? null : toDecimal(r.unit_credits),
    raw_unit_credits: r.unit_credits === null ? null : JSON.stringify(toRaw(r.unit_credits)),
    tiers: r.tiers ? JSON.stringify(r.tiers.map((t) => ({ up_to: t.up_to === null ? null : toDecimal(t.up_to), unit_credits: toDecimal(t.unit_credits) }))) : null,
    created_at: now,
    updated_at: now,
  }))
  for (let i = 0; i < rows.length; i += 1000) await trx("iap_rate").insert(rows.slice(i, i + 1000))
}

async function assertUniqueStart(trx: Knex, serviceId: string, validFrom: Date, exceptId: string | null) {
  const { rows } = await trx.raw(
    `SELECT version FROM iap_rate_version WHERE service_id = ? AND valid_from = ?::timestamptz AND id <> ? AND deleted_at IS NULL`,
    [serviceId, validFrom.toISOString(), exceptId ?? ""]
  )
  if (rows.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `valid_from is already the start of version ${rows[0].version}`)
  }
}

export type RateVersionInput = { valid_from?: Date | string | null; note?: string | null; rates: unknown }

/**
 * A new version of a service's card, with all its rates; numbered after the last one.
 *
 * @example
 * await createRateVersion(trx, "iapsvc_1", { valid_from: "2031-01-01", rates: [{ metric: "sms_part", dimensions: { country: "*" }, unit_credits: 1 }] })
 */
export async function createRateVersion(trx: Knex, serviceId: string, input: RateVersionInput): Promise<string> {
  const now = clock.now()
  const rates = parseRates(input.rates)
  const validFrom = parseValidFrom(input.valid_from, now)
  await lockService(trx, serviceId)
  await assertUniqueStart(trx, serviceId, validFrom, null)
  const { rows } = await trx.raw(`SELECT coalesce(max(version), 0) + 1 AS next FROM iap_rate_version WHERE service_id = ?`, [serviceId])
  const id = newId("iaprv")
  await trx("iap_rate_version").insert({ id, service_id: serviceId, version: rows[0].next, valid_from: validFrom, note: input.note ?? null, created_at: now, updated_at: now })
  await insertRates(trx, id, rates, now)
  return id
}

async function lockScheduledVersion(trx: Knex, versionId: string, action: string) {
  const { rows } = await trx.raw(`SELECT id, service_id, version, valid_from FROM iap_rate_version WHERE id = ? AND deleted_at IS NULL`, [versionId])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP rate version with id: ${versionId} was not found`)
  await lockService(trx, rows[0].service_id)
  if (new Date(rows[0].valid_from).getTime() <= clock.now().getTime()) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `Rate version ${rows[0].version} is in effect since ${new Date(rows[0].valid_from).toISOString()} and may have priced charges: it cannot be ${action}; create a new version instead`
    )
  }
  return rows[0] as { id: string; service_id: string; version: number }
}

/**
 * Changes a version that is not in effect yet (its rates, when given, are replaced); returns
 * its service's id (whose cached card is now stale).
 *
 * @example
 * await updateRateVersion(trx, "iaprv_1", { valid_from: "2031-02-01T00:00:00Z" })
 */
export async function updateRateVersion(trx: Knex, versionId: string, input: Partial<RateVersionInput>): Promise<string> {
  const now = clock.now()
  const rates = input.rates === undefined ? null : parseRates(input.rates)
  const validFrom = input.valid_from === undefined ? null : parseValidFrom(input.valid_from, now)
  const version = await lockScheduledVersion(trx, versionId, "changed")
  if (validFrom) await assertUniqueStart(trx, version.service_id, validFrom, version.id)
  const patch: Record<string, unknown> = { updated_at: now }
  if (validFrom) patch.valid_from = validFrom
  if (input.note !== undefined) patch.note = input.note
  await trx("iap_rate_version").where({ id: versionId }).update(patch)
  if (rates) {
    await trx("iap_rate").where({ rate_version_id: versionId }).delete()
    await insertRates(trx, versionId, rates, now)
  }
  return version.service_id
}

/**
 * Deletes a version that is not in effect yet; returns its service's id.
 *
 * @example
 * await deleteRateVersion(trx, "iaprv_1")
 */
export async function deleteRateVersion(trx: Knex, versionId: string): Promise<string> {
  const version = await lockScheduledVersion(trx, versionId, "deleted")
  await trx("iap_rate").where({ rate_version_id: versionId }).delete()
  await trx("iap_rate_version").where({ id: versionId }).delete()
  return version.service_id
}
