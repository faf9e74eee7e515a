import { MedusaError } from "@medusajs/framework/utils"
import { MAX_AMOUNT, parseAmount, SCALE, toDecimal } from "./amount"

/**
 * Rate-card pricing (docs/rate-cards.md), pure: which rate prices a usage, and what it costs. Quantities
 * and per-unit credits are units (1/10_000, see amount.ts); their product is exact at 1/10^8
 * and is rounded UP once, for the whole charge, to the service's precision.
 */

export const METRIC = /^[a-z][a-z0-9_]{0,62}$/
export const DIMENSION_KEY = /^[a-z][a-z0-9_]{0,62}$/
export const WILDCARD = "*"
export const MAX_DIMENSIONS = 10
export const MAX_DIMENSION_VALUE = 100
export const MAX_TIERS = 20

export type Dimensions = Record<string, string>

export type Tier = { up_to: bigint | null; unit_credits: bigint }

export type Rate = {
  id: string
  metric: string
  dimensions: Dimensions
  unit_credits: bigint | null
  tiers: Tier[] | null
}

export type Usage = { metric: string; quantity: bigint; dimensions: Dimensions }

/** One tier's share of a charge: quantities and credits as decimal strings (credits exact, before rounding). */
export type TierPortion = { from: string; to: string | null; quantity: string; unit_credits: string; credits: string }

export type PriceOutcome = {
  /** Units, rounded up to the service's precision. */
  credits: bigint
  /** The exact cost before rounding, as a decimal string (up to 8 decimals). */
  exact: string
  /** Null for a flat rate. */
  tiers: TierPortion[] | null
}

function invalid(message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, message)
}

/** The keys a rate pins to one value; `*` (any value) does not count. */
export function exactKeys(dimensions: Dimensions): string[] {
  return Object.keys(dimensions)
    .filter((k) => dimensions[k] !== WILDCARD)
    .sort()
}

/** A rate matches a usage of its metric when each pinned key has exactly the usage's value. */
export function rateMatches(rate: Rate, usage: Pick<Usage, "metric" | "dimensions">): boolean {
  if (rate.metric !== usage.metric) return false
  return exactKeys(rate.dimensions).every((k) => usage.dimensions[k] === rate.dimensions[k])
}

/**
 * The rate for a usage: among the matching rates of its metric, the one pinning the most keys
 * (`validateRates` makes that one unique). Null when none matches: never a free charge.
 *
 * @example
 * selectRate(rates, { metric: "sms_part", quantity: 10_000n, dimensions: { country: "DE" } })
 */
export function selectRate(rates: Rate[], usage: Pick<Usage, "metric" | "dimensions">): Rate | null {
  let best: Rate | null = null
  let bestSize = -1
  for (const rate of rates) {
    if (!rateMatches(rate, usage)) continue
    const size = exactKeys(rate.dimensions).length
    if (size > bestSize) {
      best = rate
      bestSize = size
    }
  }
  return best
}

/** a × b of two unit values, exact at 1/10^8 credit. */
const EXACT_SCALE = SCALE * SCALE

function formatExact(v: bigint): string {
  const whole = v / EXACT_SCALE
  const frac = (v % EXACT_SCALE).toString().padStart(8, "0").replace(/0+$/, "")
  return `${whole}${frac ? "." + frac : ""}`
}

/** Rounds an exact 1/10^8 value up to units (4 decimals) or, for whole-credit services, to whole credits. */
export function roundUp(exact: bigint, integerCredits: boolean): bigint {
  const step = integerCredits ? EXACT_SCALE : SCALE
  const steps = (exact + step - 1n) / step
  return integerCredits ? steps * SCALE : steps
}

/**
 * What `quantity` of a rate's metric costs for an account that already used `before` of it this
 * month: a flat rate is quantity × unit credits; graduated tiers price each part of the range
 * (before, before + quantity] at its own tier's unit credits (a charge may cross boundaries).
 *
 * @example
 * priceWithRate({ ...rate, unit_credits: null, tiers: [{ up_to: 1_000_0000n, unit_credits: 500n }, { up_to: null, unit_credits: 300n }] },
 *   20_000n, 9_990_000n, false) // 10 at 0.05 + 10 at 0.03 = 0.8 credits
 */
export function priceWithRate(rate: Rate, quantity: bigint, before: bigint, integerCredits: boolean): PriceOutcome {
  let exact = 0n
  let tiers: TierPortion[] | null = null
  if (rate.tiers) {
    tiers = []
    const start = before
    const end = before + quantity
    let lower = 0n
    for (const tier of rate.tiers) {
      const upper = tier.up_to
      const from = start > lower ? start : lower
      const to = upper === null || end < upper ? end : upper
      if (to > from) {
        const cost = (to - from) * tier.unit_credits
        exact += cost
        tiers.push({
          from: toDecimal(lower),
          to: upper === null ? null : toDecimal(upper),
          quantity: toDecimal(to - from),
          unit_credits: toDecimal(tier.unit_credits),
          credits: formatExact(cost),
        })
      }
      if (upper === null) break
      lower = upper
    }
  } else {
    exact = quantity * rate.unit_credits!
  }
  const credits = roundUp(exact, integerCredits)
  if (credits > MAX_AMOUNT) invalid("usage costs more than 1000000000000 credits")
  return { credits, exact: formatExact(exact), tiers }
}

/**
 * A usage as sent by a caller, checked: a known-shaped metric, a quantity > 0 with at most 4
 * decimals, and string dimensions (at most 10 keys). Errors name the `usage.*` field.
 *
 * @example
 * parseUsage({ metric: "sms_part", quantity: 2, dimensions: { country: "DE" } })
 */
export function parseUsage(value: unknown): Usage {
  if (!value || typeof value !== "object" || Array.isArray(value)) invalid("usage must be an object { metric, quantity, dimensions }")
  const { metric, quantity, dimensions, ...rest } = value as Record<string, unknown>
  const extra = Object.keys(rest)
  if (extra.length) invalid(`usage has an unknown field: ${extra[0]}`)
  if (typeof metric !== "string" || !METRIC.test(metric)) {
    invalid("usage.metric must start with a lowercase letter and contain at most 63 lowercase letters, digits or underscores")
  }
  return {
    metric,
    quantity: parseAmount(quantity, { field: "usage.quantity" }),
    dimensions: parseDimensions(dimensions ?? {}, "usage.dimensions", false),
  }
}

/** Dimensions as `{ key: value }` strings; `*` is allowed in a rate (any value), not in a usage. */
export function parseDimensions(value: unknown, field: string, allowWildcard: boolean): Dimensions {
  if (!value || typeof value !== "object" || Array.isArray(value)) invalid(`${field} must be an object of text values`)
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length > MAX_DIMENSIONS) invalid(`${field} may have at most ${MAX_DIMENSIONS} keys`)
  const out: Dimensions = {}
  for (const [key, v] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!DIMENSION_KEY.test(key)) invalid(`${field} key ${JSON.stringify(key)} must be lowercase letters, digits or underscores`)
    if (typeof v !== "string" || v.trim() === "" || v.length > MAX_DIMENSION_VALUE) {
      invalid(`${field}.${key} must be a non-empty text of at most ${MAX_DIMENSION_VALUE} characters`)
    }
    if (v === WILDCARD && !allowWildcard) invalid(`${field}.${key} cannot be "*" in a usage`)
    out[key] = v
  }
  return out
}

export type RateInput = {
  metric: unknown
  dimensions?: unknown
  unit_credits?: unknown
  tiers?: unknown
}

/**
 * A rate as an admin sends it, checked: either `unit_credits` (≥ 0) or `tiers` (ascending
 * `up_to`, the last one null = no limit), naming the field (`rates[3].tiers[1].up_to`).
 */
export function parseRate(input: RateInput, field: string): Omit<Rate, "id"> {
  if (!input || typeof input !== "object") invalid(`${field} must be an object`)
  if (typeof input.metric !== "string" || !METRIC.test(input.metric)) {
    invalid(`${field}.metric must start with a lowercase letter and contain at most 63 lowercase letters, digits or underscores`)
  }
  const dimensions = parseDimensions(input.dimensions ?? {}, `${field}.dimensions`, true)
  const hasUnit = input.unit_credits !== undefined && input.unit_credits !== null
  const hasTiers = input.tiers !== undefined && input.tiers !== null
  if (hasUnit === hasTiers) invalid(`${field} needs exactly one of unit_credits or tiers`)
  if (hasUnit) {
    return { metric: input.metric, dimensions, unit_credits: parseAmount(input.unit_credits, { field: `${field}.unit_credits`, allowZero: true }), tiers: null }
  }
  if (!Array.isArray(input.tiers) || input.tiers.length === 0 || input.tiers.length > MAX_TIERS) {
    invalid(`${field}.tiers must be a list of 1 to ${MAX_TIERS} tiers`)
  }
  const tiers: Tier[] = []
  let previous = 0n
  input.tiers.forEach((t: any, i: number) => {
    const f = `${field}.tiers[${i}]`
    if (!t || typeof t !== "object") invalid(`${f} must be an object { up_to, unit_credits }`)
    const last = i === (input.tiers as unknown[]).length - 1
    const upTo = t.up_to === null || t.up_to === undefined ? null : parseAmount(t.up_to, { field: `${f}.up_to` })
    if (last && upTo !== null) invalid(`${f}.up_to must be null: the last tier has no limit`)
    if (!last && upTo === null) invalid(`${f}.up_to is required (only the last tier has no limit)`)
    if (upTo !== null && upTo <= previous) invalid(`${f}.up_to must be greater than the previous tier's`)
    if (upTo !== null) previous = upTo
    tiers.push({ up_to: upTo, unit_credits: parseAmount(t.unit_credits, { field: `${f}.unit_credits`, allowZero: true }) })
  })
  return { metric: input.metric, dimensions, unit_credits: null, tiers }
}

function label(metric: string, dimensions: Dimensions): string {
  const keys = exactKeys(dimensions)
  return `${metric} ${keys.length ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, dimensions[k]]))) : "*"}`
}

/**
 * A version's rates must price every usage one way: no two rates of a metric pin the same
 * values, and two rates that can both match one usage with as many pinned keys need a rate
 * pinning both (else "most specific wins" would not decide).
 *
 * @example
 * validateRates([{ metric: "sms_part", dimensions: { country: "DE" } }, { metric: "sms_part", dimensions: { country: "*" } }])
 */
export function validateRates(rates: Omit<Rate, "id">[]): void {
  const byMetric = new Map<string, Omit<Rate, "id">[]>()
  for (const r of rates) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r])
  for (const list of byMetric.values()) {
    const pinned = list.map((r) => Object.fromEntries(exactKeys(r.dimensions).map((k) => [k, r.dimensions[k]])) as Dimensions)
    const signature = pinned.map((p) => JSON.stringify(p))
    const seen = new Set<string>()
    signature.forEach((s, i) => {
      if (seen.has(s)) invalid(`rates: two rates for ${label(list[i].metric, list[i].dimensions)}`)
      seen.add(s)
    })
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = pinned[i]
        const b = pinned[j]
        const ka = Object.keys(a)
        const kb = Object.keys(b)
        if (ka.length !== kb.length) continue
        if (ka.some((k) => k in b && b[k] !== a[k])) continue // never both match
        const union = JSON.stringify(Object.fromEntries(Object.entries({ ...a, ...b }).sort(([x], [y]) => (x < y ? -1 : 1))))
        if (!seen.has(union)) {
          invalid(
            `rates: ${label(list[i].metric, a)} and ${label(list[j].metric, b)} both match ${union} equally: add a rate for it`
          )
        }
      }
    }
  }
}
