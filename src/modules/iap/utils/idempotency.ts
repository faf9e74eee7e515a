import { MedusaError } from "@medusajs/framework/utils"

/**
 * Every mutation takes an idempotency key (docs/rules.md §6): a non-empty string of at most 255
 * characters, else a 400 naming the field.
 *
 * @example
 * assertKey(input.idempotency_key)
 */
export function assertKey(key: unknown): asserts key is string {
  if (typeof key !== "string" || key.trim() === "" || key.length > 255) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "idempotency_key is required (a non-empty string of at most 255 characters)"
    )
  }
}
