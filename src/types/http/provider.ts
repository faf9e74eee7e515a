/**
 * Bodies of the provider HTTP API (`/iap/v1/...`), shared by the routes and by
 * `IapProviderClient`. Type-only: a third-party service imports them without Medusa.
 */
import type { IapAccountBalancesDTO, IapHoldDTO, IapPriceDTO, IapTransactionDTO } from "../index"

/** What a provider sees of an account: its balances, never its token, holder or restriction. */
export type IapProviderAccount = Omit<IapAccountBalancesDTO, "service_id" | "customer_id">

/** `GET /iap/v1/health` (no key needed): the API is mounted and answering. */
export type IapProviderHealthResponse = { status: "ok"; service: "medusa-plugin-iap" }

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

/** The 400 for a usage no rate prices (docs/rate-cards.md): never a free charge. */
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

/** The 402 body (docs/rules.md, rule 10): not enough credits, and where to buy more. */
export type IapInsufficientCreditsBody = IapProviderErrorBody & {
  type: "insufficient_credits"
  service: string
  required: number
  available: number
  /** Where the account holder can buy the missing credits. */
  credits_url: string
}
