import { MedusaError } from "@medusajs/framework/utils"
import { parseAmount, SCALE, toDecimal } from "../../../modules/iap/utils/amount"

/** Pure helpers shared by the credit-pack steps, hooks and routes. */

/**
 * Validates a pack's credits for its service (docs/rules.md rule 2: > 0, at most 4 decimals, whole for
 * `integer_credits` services) and returns them as an exact decimal string.
 *
 * @example
 * packCredits(500, { technical_name: "sms", integer_credits: true }) // "500"
 */
export function packCredits(value: unknown, service: { technical_name: string; integer_credits: boolean }): string {
  const units = parseAmount(value, { field: "credits" })
  if (service.integer_credits && units % SCALE !== 0n) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `credits must be a whole number for service ${service.technical_name}`
    )
  }
  return toDecimal(units)
}

/**
 * `expires_after_days`: null (never) or a whole number of days > 0.
 *
 * @example
 * packExpiry(365) // 365
 */
export function packExpiry(value: unknown): number | null {
  if (value === null || value === undefined) return null
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > 36500) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "expires_after_days must be a whole number of days from 1 to 36500, or null for credits that never expire"
    )
  }
  return value
}

/** The idempotency keys of a purchase, one set per order line item (docs/rules.md, rule 8). */
export const purchaseKeys = {
  grant: (lineItemId: string) => `purchase:${lineItemId}`,
  release: (lineItemId: string) => `purchase-release:${lineItemId}`,
  void: (lineItemId: string) => `purchase-void:${lineItemId}`,
}

/**
 * A price as an exact decimal with at most 4 places (a lot's `unit_price`), rounded half up.
 *
 * @example
 * priceTo4Places("9.99") // "9.99"
 * priceTo4Places("0.123456") // "0.1235"
 */
export function priceTo4Places(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const text = typeof value === "number" ? String(value) : String(value).trim()
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!m) return null
  const [, whole, frac = ""] = m
  let units = BigInt(whole) * SCALE + BigInt((frac.slice(0, 4) || "0").padEnd(4, "0"))
  if (frac.length > 4 && Number(frac[4]) >= 5) units += 1n
  return toDecimal(units)
}
