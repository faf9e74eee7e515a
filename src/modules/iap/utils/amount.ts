import { MedusaError } from "@medusajs/framework/utils"

/**
 * Credits are exact decimals with at most 4 places. In memory they are BigInt counts of
 * 1/10_000 credit ("units"), so no float ever touches a stored amount.
 */
export const SCALE = 10_000n
export const MAX_AMOUNT = 1_000_000_000_000n * SCALE

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/

export type ParseAmountOptions = {
  /** Field name used in the error message. */
  field?: string
  /** Whole credits only (services with `integer_credits`). */
  integer?: boolean
  /** Accept 0 (thresholds, limits). */
  allowZero?: boolean
  /** Accept negative values (adjustments). */
  allowNegative?: boolean
}

function invalid(field: string, why: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} ${why}`)
}

/**
 * Parses a user-supplied amount (number or decimal string) into units, enforcing the
 * amount rules: > 0, <= 10^12, at most 4 decimal places, whole when `integer`.
 *
 * @example
 * parseAmount("12.5", { field: "credits" }) // 125000n
 * parseAmount(0.00001, { field: "credits" }) // throws: credits must have at most 4 decimal places
 */
export function parseAmount(value: unknown, opts: ParseAmountOptions = {}): bigint {
  const field = opts.field ?? "amount"
  let text: string
  if (typeof value === "number") {
    if (!Number.isFinite(value)) invalid(field, "must be a finite number")
    text = numberToPlain(value)
  } else if (typeof value === "string" && value.trim() !== "") {
    text = value.trim()
  } else if (typeof value === "bigint") {
    text = value.toString()
  } else {
    invalid(field, "must be a number")
  }
  const m = DECIMAL.exec(text)
  if (!m) invalid(field, /^-?\d+(\.\d+)?e-\d+$/i.test(text) ? "must have at most 4 decimal places" : "must be a number")
  const [, sign, whole, frac = ""] = m
  const trimmed = frac.replace(/0+$/, "")
  if (trimmed.length > 4) invalid(field, "must have at most 4 decimal places")
  let units = BigInt(whole) * SCALE + BigInt(trimmed.padEnd(4, "0") || "0")
  if (sign) units = -units
  if (units === 0n && !opts.allowZero) invalid(field, "must be greater than 0")
  if (units < 0n && !opts.allowNegative) invalid(field, "must be greater than 0")
  if (abs(units) > MAX_AMOUNT) invalid(field, "must be at most 1000000000000")
  if (opts.integer && units % SCALE !== 0n) invalid(field, "must be a whole number for this service")
  return units
}

/** Reads a Postgres numeric (as text) into units. */
export function fromDb(value: string | number | null | undefined): bigint {
  if (value === null || value === undefined) return 0n
  const text = typeof value === "number" ? value.toFixed(4) : value
  const m = DECIMAL.exec(text)
  if (!m) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `Stored amount ${text} is not a decimal`)
  const [, sign, whole, frac = ""] = m
  const units = BigInt(whole) * SCALE + BigInt(frac.slice(0, 4).padEnd(4, "0"))
  return sign ? -units : units
}

/**
 * Formats units as a plain decimal string ("12.5", "-3", "0.0001").
 *
 * @example
 * toDecimal(125000n) // "12.5"
 */
export function toDecimal(units: bigint): string {
  const neg = units < 0n
  const a = neg ? -units : units
  const whole = a / SCALE
  const frac = (a % SCALE).toString().padStart(4, "0").replace(/0+$/, "")
  return `${neg ? "-" : ""}${whole}${frac ? "." + frac : ""}`
}

/** Units as a JS number for API responses (exact with 4 places below 2^39 ≈ 5.4 × 10^11 credits). */
export function toNumber(units: bigint): number {
  return Number(toDecimal(units))
}

/** The `raw_*` companion value Medusa keeps next to every bigNumber column. */
export function toRaw(units: bigint): { value: string; precision: number } {
  return { value: toDecimal(units), precision: 20 }
}

export function abs(units: bigint): bigint {
  return units < 0n ? -units : units
}

export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b
}

export function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b
}

function numberToPlain(n: number): string {
  if (Math.abs(n) >= 1e21) return BigInt(n).toString()
  // A JSON number is read as what its shortest round-trip form says: 0.30000000000000004 has
  // 17 decimals and is refused like the string "0.30000000000000004", never rounded to 0.3.
  return String(n)
}
