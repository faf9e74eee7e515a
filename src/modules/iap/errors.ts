import { MedusaError } from "@medusajs/framework/utils"

export const INSUFFICIENT_CREDITS = "insufficient_credits"

/**
 * Thrown when a debit or authorization needs more than the account has available.
 * The HTTP layer answers it with 402 and a "buy credits" URL.
 */
export class InsufficientCreditsError extends MedusaError {
  readonly service: string
  readonly required: number
  readonly available: number
  readonly account_id: string

  constructor(input: { service: string; required: number; available: number; account_id: string }) {
    super(
      INSUFFICIENT_CREDITS as any,
      `Insufficient credits for service ${input.service}: ${input.required} required, ${input.available} available`
    )
    this.service = input.service
    this.required = input.required
    this.available = input.available
    this.account_id = input.account_id
  }

  static is(e: unknown): e is InsufficientCreditsError {
    return !!e && (e as any).type === INSUFFICIENT_CREDITS
  }
}

/** 409 for an idempotency key already used with a different request. */
export function idempotencyKeyReused(key: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `Idempotency key ${key} was already used with a different request`,
    "idempotency_key_reused"
  )
}
