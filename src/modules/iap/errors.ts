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

export const RATE_NOT_FOUND = "rate_not_found"

/**
 * A usage no rate of the service's card prices (docs/rate-cards.md): a 400, never a free charge. The HTTP
 * layer answers `{ type: "rate_not_found", message, service, metric, dimensions }`.
 */
export class RateNotFoundError extends MedusaError {
  readonly service: string
  readonly metric: string
  readonly dimensions: Record<string, string>

  constructor(service: string, metric: string, dimensions: Record<string, string>) {
    super(
      MedusaError.Types.INVALID_DATA,
      `No rate of service ${service} prices metric ${metric} with dimensions ${JSON.stringify(dimensions)}`,
      RATE_NOT_FOUND
    )
    this.service = service
    this.metric = metric
    this.dimensions = dimensions
  }

  static is(e: unknown): e is RateNotFoundError {
    return !!e && (e as any).code === RATE_NOT_FOUND
  }
}
