import { MedusaError } from "@medusajs/framework/utils"
import { MAX_HOLD_TTL_SECONDS } from "../options"
import { parseAmount, toDecimal } from "./amount"
import { newSecret } from "./secrets"
import type { CreateIapServiceInput, UpdateIapServiceInput } from "../../../types"

/**
 * The checks of a service's fields and the data the module's generated CRUD
 * (`createIapServices` / `updateIapServices`) writes: each bad field is a 400 naming it.
 */

export const TECHNICAL_NAME = /^[a-z][a-z0-9_]{1,62}$/

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

/** An amount column as the exact decimal text a BigNumber field takes (null stays null). */
function amount(value: unknown, field: string): string | null {
  return value === null || value === undefined ? null : toDecimal(parseAmount(value, { field, allowZero: true }))
}

/** A new key for a third-party service: the secret (shown once) and what is stored of it. */
export function newServiceKey() {
  const key = newSecret("iapk")
  return { secret: key.secret, data: { key_hash: key.hash, key_hint: key.hint } }
}

/**
 * A create input checked, as the row to create and the key to show once (third-party only).
 *
 * @example
 * const { data, key } = serviceCreateData({ technical_name: "sms", name: "SMS", provider_type: "third_party" })
 */
export function serviceCreateData(input: CreateIapServiceInput) {
  if (typeof input.technical_name !== "string" || !TECHNICAL_NAME.test(input.technical_name)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "technical_name must start with a lowercase letter and contain 2 to 63 lowercase letters, digits or underscores"
    )
  }
  const providerType = input.provider_type ?? "first_party"
  if (!["first_party", "third_party"].includes(providerType)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "provider_type must be first_party or third_party")
  }
  const key = providerType === "third_party" ? newServiceKey() : null
  const trialCredits = amount(input.trial_credits ?? 0, "trial_credits")!
  const defaultWarningThreshold = amount(input.default_warning_threshold, "default_warning_threshold")
  const data = {
    technical_name: input.technical_name,
    name: text(input.name, "name"),
    description: input.description ?? null,
    unit_name: text(input.unit_name ?? "credits", "unit_name", 50),
    integer_credits: !!input.integer_credits,
    trial_credits: trialCredits,
    default_warning_threshold: defaultWarningThreshold,
    provider_type: providerType,
    key_hash: key?.data.key_hash ?? null,
    key_hint: key?.data.key_hint ?? null,
    hold_ttl_seconds: ttl(input.hold_ttl_seconds),
    metadata: input.metadata ?? null,
  }
  return { data, key: key?.secret ?? null }
}

/**
 * An update input checked: only the fields it names, as the generated CRUD takes them.
 *
 * @example
 * serviceUpdateData({ trial_credits: 5 }) // { trial_credits: "5" }
 */
export function serviceUpdateData(input: UpdateIapServiceInput): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  if (input.name !== undefined) data.name = text(input.name, "name")
  if (input.description !== undefined) data.description = input.description
  if (input.unit_name !== undefined) data.unit_name = text(input.unit_name, "unit_name", 50)
  if (input.integer_credits !== undefined) data.integer_credits = !!input.integer_credits
  if (input.trial_credits !== undefined) data.trial_credits = amount(input.trial_credits ?? 0, "trial_credits")
  if (input.default_warning_threshold !== undefined) {
    data.default_warning_threshold = amount(input.default_warning_threshold, "default_warning_threshold")
  }
  if (input.hold_ttl_seconds !== undefined) data.hold_ttl_seconds = ttl(input.hold_ttl_seconds)
  if (input.status !== undefined) {
    if (!["active", "archived"].includes(input.status)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "status must be active or archived")
    }
    data.status = input.status
  }
  if (input.metadata !== undefined) data.metadata = input.metadata
  return data
}
