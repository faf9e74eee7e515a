/**
 * Bodies of the provider HTTP API (`/iap/v1/...`), shared by the routes and by
 * `IapProviderClient`. Type-only: a third-party service imports them without Medusa.
 */
import type { IapAccountState, IapHoldDTO, IapPriceDTO, IapTransactionDTO } from "./index"

/** What a provider sees of an account: its balances, never its token or holder. */
export type IapProviderAccount = {
  id: string
  /** The service's technical name. */
  service: string
  state: IapAccountState
  balance: number
  reserved: number
  /** What the next charge or authorization may use: balance − reserved + overdraft_limit. */
  available: number
  pending: number
  debt: number
  overdraft_limit: number
}

export type IapProviderBalanceResponse = { account: IapProviderAccount }

export type IapProviderChargeResponse = {
  account: IapProviderAccount
  transaction: IapTransactionDTO
  /** True when the idempotency key was already used with the same request: nothing new was written. */
  replayed: boolean
}

export type IapProviderAuthorizeResponse = { account: IapProviderAccount; hold: IapHoldDTO; replayed: boolean }

export type IapProviderCaptureResponse = {
  account: IapProviderAccount
  hold: IapHoldDTO
  /** Null when 0 credits were captured. */
  transaction: IapTransactionDTO | null
  replayed: boolean
}

/** What the usage would cost if charged now (the same pricing as a charge). */
export type IapProviderEstimateResponse = { estimate: IapPriceDTO }

/** The 400 for a usage no rate prices (rule 15): never a free charge. */
export type IapRateNotFoundBody = IapProviderErrorBody & {
  type: "rate_not_found"
  service: string
  metric: string
  dimensions: Record<string, string>
}

export type IapProviderCancelResponse = { account: IapProviderAccount; hold: IapHoldDTO; replayed: boolean }

/** Every error body: `type` is `unauthorized`, `forbidden`, `not_found`, `invalid_data`, `not_allowed`, `conflict`... */
export type IapProviderErrorBody = {
  type: string
  message: string
  /** On 409: `idempotency_key_reused` or `hold_not_pending`. */
  code?: string
}

/** The 402 body (rule 10). */
export type IapInsufficientCreditsBody = IapProviderErrorBody & {
  type: "insufficient_credits"
  service: string
  required: number
  available: number
  /** Where the account holder can buy the missing credits. */
  credits_url: string
}
