import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { RateNotFoundError } from "../errors"
import { fromDb, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { parseUsage, priceWithRate, Rate, selectRate, TierPortion, Usage } from "../utils/pricing"
import type { IapPriceDTO, IapRateDTO, IapRateVersionDTO, IapUsageDTO } from "../../../types"

/**
 * Rate cards (docs/rate-cards.md): reading a service's versions, and the one place a usage is
 * priced, from a per-process cache. Every write (ledger/rate-cards.ts) bumps the service's
 * `rate_revision` under its row lock, so a price from an older cached card is never charged.
 */

export type CardVersion = { id: string; version: number; valid_from: Date; note: string | null; rates: Rate[] }

/** A service's rate card as cached: the version in effect at `loaded_for` and every later one. */
export type Card = {
  service_id: string
  technical_name: string
  integer_credits: boolean
  revision: number
  loaded_for: Date
  versions: CardVersion[]
}

/** A priced usage: what the ledger row records, and what an estimate answers. */
export type PricedUsage = {
  service_id: string
  revision: number
  usage: Usage
  credits: bigint
  exact: string
  tiers: TierPortion[] | null
  before: bigint
  rate: Rate & { version: number; version_id: string }
}

export const monthOf = (at: Date) => at.toISOString().slice(0, 7)

export function usageJson(u: Usage): IapUsageDTO {
  return { metric: u.metric, quantity: toNumber(u.quantity), dimensions: u.dimensions }
}

function toRate(r: any): Rate {
  return {
    id: r.id,
    metric: r.metric,
    dimensions: r.dimensions ?? {},
    unit_credits: r.unit_credits === null ? null : fromDb(r.unit_credits),
    tiers: r.tiers ? r.tiers.map((t: any) => ({ up_to: t.up_to === null ? null : fromDb(t.up_to), unit_credits: fromDb(t.unit_credits) })) : null,
  }
}

const RATES_JSON = `(SELECT coalesce(json_agg(json_build_object('id', r.id, 'metric', r.metric, 'dimensions', r.dimensions,
    'unit_credits', r.unit_credits::text, 'tiers', r.tiers) ORDER BY r.id), '[]'::json)
  FROM iap_rate r WHERE r.rate_version_id = rv.id AND r.deleted_at IS NULL)`

/**
 * Reads a service's card for pricing at `at` and later: ONE query (service, versions, rates).
 *
 * @example
 * const card = await loadCard(knex, "iapsvc_1", new Date())
 */
export async function loadCard(knex: Knex, serviceId: string, at: Date): Promise<Card> {
  const { rows } = await knex.raw(
    `SELECT s.id, s.technical_name, s.integer_credits, s.rate_revision,
       (SELECT coalesce(json_agg(v ORDER BY v.valid_from), '[]'::json) FROM (
          SELECT rv.id, rv.version, rv.valid_from, rv.note, ${RATES_JSON} AS rates
            FROM iap_rate_version rv
           WHERE rv.service_id = s.id AND rv.deleted_at IS NULL
             AND rv.valid_from >= coalesce((SELECT max(x.valid_from) FROM iap_rate_version x
                   WHERE x.service_id = s.id AND x.deleted_at IS NULL AND x.valid_from <= ?::timestamptz), '-infinity')) v) AS versions
     FROM iap_service s WHERE s.id = ? AND s.deleted_at IS NULL`,
    [at.toISOString(), serviceId]
  )
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${serviceId} was not found`)
  const r = rows[0]
  return {
    service_id: r.id,
    technical_name: r.technical_name,
    integer_credits: r.integer_credits,
    revision: r.rate_revision,
    loaded_for: at,
    versions: r.versions.map((v: any) => ({ id: v.id, version: v.version, valid_from: new Date(v.valid_from), note: v.note, rates: v.rates.map(toRate) })),
  }
}

/**
 * The version in effect at `at` (the latest `valid_from` not after it), or null.
 *
 * @example
 * versionAt(card, new Date())?.version // 3
 */
export function versionAt(card: Card, at: Date): CardVersion | null {
  let found: CardVersion | null = null
  for (const v of card.versions) if (v.valid_from.getTime() <= at.getTime()) found = v
  return found
}

/**
 * The rate of a usage at `at`, or a 400 `rate_not_found` naming the metric and dimensions.
 *
 * @example
 * const { version, rate } = quote(card, usage, new Date())
 */
export function quote(card: Card, usage: Usage, at: Date) {
  const version = versionAt(card, at)
  const rate = version ? selectRate(version.rates, usage) : null
  if (!version || !rate) throw new RateNotFoundError(card.technical_name, usage.metric, usage.dimensions)
  return { version, rate }
}

/**
 * The account's quantity of a metric in a month (`YYYY-MM`), 0 when none yet.
 *
 * @example
 * await readMonthQuantity(trx, "iapacc_1", "token", monthOf(new Date()))
 */
export async function readMonthQuantity(knex: Knex, accountId: string, metric: string, month: string): Promise<bigint> {
  const { rows } = await knex.raw(
    `SELECT quantity::text AS quantity FROM iap_usage_month WHERE account_id = ? AND metric = ? AND month = ? AND deleted_at IS NULL`,
    [accountId, metric, month]
  )
  return rows.length ? fromDb(rows[0].quantity) : 0n
}

/**
 * Prices a usage with a card: the version in effect at `at`, the most specific rate, tiers by
 * `before` (the account's quantity of the metric this month). Credits are rounded up to the
 * service's precision.
 *
 * @example
 * const priced = priceOnCard(card, usage, new Date(), 0n)
 */
export function priceOnCard(card: Card, usage: Usage, at: Date, before: bigint): PricedUsage {
  const { version, rate } = quote(card, usage, at)
  const outcome = priceWithRate(rate, usage.quantity, before, card.integer_credits)
  return {
    service_id: card.service_id,
    revision: card.revision,
    usage,
    credits: outcome.credits,
    exact: outcome.exact,
    tiers: outcome.tiers,
    before: rate.tiers ? before : 0n,
    rate: { ...rate, version: version.version, version_id: version.id },
  }
}

/**
 * The per-process cache of rate cards (the hot path prices without a query). A card answers
 * for any time from the one it was loaded for; a change made here drops it, and a change made
 * by another process is seen by its revision (the debit refuses a stale price, the locked path
 * reloads).
 */
export class RateCards {
  private readonly cards = new Map<string, Card>()
  private readonly accountServices = new Map<string, string>()

  invalidate(serviceId: string): void {
    this.cards.delete(serviceId)
  }

  /** The card for pricing at `at`: cached when fresh enough (and of `revision`, when given). */
  async card(knex: Knex, serviceId: string, at: Date, revision?: number): Promise<Card> {
    const cached = this.cards.get(serviceId)
    if (cached && cached.loaded_for.getTime() <= at.getTime() && (revision === undefined || cached.revision === revision)) {
      return cached
    }
    const card = await loadCard(knex, serviceId, at)
    if (!cached || card.loaded_for.getTime() >= cached.loaded_for.getTime() || card.revision !== cached.revision) {
      this.cards.set(serviceId, card)
    }
    return card
  }

  /** An account's service (accounts never change service), remembered for the hot path. */
  async serviceOf(knex: Knex, accountId: string): Promise<string | null> {
    const known = this.accountServices.get(accountId)
    if (known) return known
    const { rows } = await knex.raw(`SELECT service_id FROM iap_account WHERE id = ? AND deleted_at IS NULL`, [accountId])
    if (!rows.length) return null
    if (this.accountServices.size >= 100_000) this.accountServices.clear()
    this.accountServices.set(accountId, rows[0].service_id)
    return rows[0].service_id
  }

  /**
   * Prices under the account lock (the general path): the card is checked against the
   * revision read with the locked account row, the month's quantity read in `trx`. `at` picks
   * the version (a capture uses its hold's), the month is that of `now`.
   */
  async priceLocked(trx: Knex, account: { id: string; service_id: string; rate_revision: number }, usage: Usage, at: Date, now: Date) {
    const card = await this.card(trx, account.service_id, at, account.rate_revision)
    const { rate } = quote(card, usage, at)
    const before = rate.tiers ? await readMonthQuantity(trx, account.id, usage.metric, monthOf(now)) : 0n
    return priceOnCard(card, usage, at, before)
  }

  /**
   * What a usage costs now for an account, as a charge would price it (the card checked against
   * the service's current revision; tiers by the account's month so far), without a lock.
   *
   * @example
   * await rates.estimate(knex, { service_id, account_id, usage: { metric: "token", quantity: 500 }, at: new Date() })
   */
  async estimate(knex: Knex, input: { service_id: string; usage: unknown; at: Date; account_id?: string | null }): Promise<IapPriceDTO> {
    const usage = parseUsage(input.usage)
    const { rows } = await knex.raw(`SELECT rate_revision FROM iap_service WHERE id = ? AND deleted_at IS NULL`, [input.service_id])
    const card = await this.card(knex, input.service_id, input.at, rows[0]?.rate_revision)
    const { rate } = quote(card, usage, input.at)
    const before = rate.tiers && input.account_id ? await readMonthQuantity(knex, input.account_id, usage.metric, monthOf(input.at)) : 0n
    const p = priceOnCard(card, usage, input.at, before)
    return {
      service: card.technical_name,
      usage: usageJson(usage),
      credits: toNumber(p.credits),
      exact_credits: p.exact,
      rate: { ...rateDto(p.rate), version: p.rate.version, version_id: p.rate.version_id },
      month_quantity_before: toNumber(p.before),
      tiers: p.tiers,
    }
  }

  /**
   * A price for the one-statement debit, or null for an unknown account. A graduated rate's
   * `credits` here assume an empty month: `iap_debit` prices its tiers again under the lock, by
   * the month's quantity (see `debitInOneStatement`).
   */
  async priceForOneStatement(knex: Knex, accountId: string, usage: Usage, at: Date): Promise<PricedUsage | null> {
    const serviceId = await this.serviceOf(knex, accountId)
    if (!serviceId) return null
    const card = await this.card(knex, serviceId, at)
    return priceOnCard(card, usage, at, 0n)
  }
}

// Version reads (admin and storefront)

export function rateDto(r: Rate): IapRateDTO {
  return {
    id: r.id,
    metric: r.metric,
    dimensions: r.dimensions,
    unit_credits: r.unit_credits === null ? null : toNumber(r.unit_credits),
    tiers: r.tiers ? r.tiers.map((t) => ({ up_to: t.up_to === null ? null : toNumber(t.up_to), unit_credits: toNumber(t.unit_credits) })) : null,
  }
}

function versionDto(v: any, current: string | null, withRates: boolean): IapRateVersionDTO {
  const validFrom = new Date(v.valid_from)
  const status = v.id === current ? "current" : validFrom.getTime() > clock.now().getTime() ? "scheduled" : "past"
  return {
    id: v.id,
    service_id: v.service_id,
    version: v.version,
    valid_from: validFrom.toISOString(),
    note: v.note,
    status,
    rate_count: Number(v.rate_count),
    ...(withRates ? { rates: (v.rates ?? []).map(toRate).map(rateDto) } : {}),
  }
}

const VERSION_COLUMNS = `rv.id, rv.service_id, rv.version, rv.valid_from, rv.note,
  (SELECT count(*) FROM iap_rate r WHERE r.rate_version_id = rv.id AND r.deleted_at IS NULL) AS rate_count`

async function currentVersionId(knex: Knex, serviceId: string): Promise<string | null> {
  const { rows } = await knex.raw(
    `SELECT id FROM iap_rate_version WHERE service_id = ? AND valid_from <= ?::timestamptz AND deleted_at IS NULL ORDER BY valid_from DESC LIMIT 1`,
    [serviceId, clock.now().toISOString()]
  )
  return rows[0]?.id ?? null
}

/** A service's versions, newest first, each with its status (`scheduled`, `current`, `past`). */
export async function listRateVersions(knex: Knex, serviceId: string): Promise<IapRateVersionDTO[]> {
  const { rows } = await knex.raw(
    `SELECT ${VERSION_COLUMNS} FROM iap_rate_version rv WHERE rv.service_id = ? AND rv.deleted_at IS NULL ORDER BY rv.version DESC`,
    [serviceId]
  )
  const current = await currentVersionId(knex, serviceId)
  return rows.map((v: any) => versionDto(v, current, false))
}

/** One version with its rates; `serviceId` scopes it (another service's version is not found). */
export async function retrieveRateVersion(knex: Knex, versionId: string, serviceId?: string): Promise<IapRateVersionDTO> {
  const { rows } = await knex.raw(
    `SELECT ${VERSION_COLUMNS}, ${RATES_JSON} AS rates FROM iap_rate_version rv WHERE rv.id = ? AND rv.deleted_at IS NULL`,
    [versionId]
  )
  if (!rows.length || (serviceId && rows[0].service_id !== serviceId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP rate version with id: ${versionId} was not found`)
  }
  return versionDto(rows[0], await currentVersionId(knex, rows[0].service_id), true)
}

/** The version in effect now with its rates (a storefront's price table), or null. */
export async function retrieveCurrentRates(knex: Knex, serviceId: string): Promise<IapRateVersionDTO | null> {
  const id = await currentVersionId(knex, serviceId)
  return id ? retrieveRateVersion(knex, id) : null
}
