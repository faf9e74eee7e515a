/**
 * `IapProviderClient`: a small typed client of the provider HTTP API for third-party Node
 * services (Node 18+, global `fetch`; no Medusa dependency at run time).
 *
 * @example
 * import { IapProviderClient, IapProviderError } from "medusa-plugin-iap/provider-client"
 *
 * const iap = new IapProviderClient({ baseUrl: "https://shop.example.com", serviceKey: process.env.IAP_SERVICE_KEY! })
 * try {
 *   await iap.charge({ account_token, credits: 1, idempotency_key: `sms-${messageId}` })
 * } catch (e) {
 *   if (e instanceof IapProviderError && e.isInsufficientCredits()) sendBuyLink(e.body.credits_url)
 *   else throw e
 * }
 */
import type { Amount, IapUsageInput } from "../types/index"
import type {
  IapInsufficientCreditsBody,
  IapProviderAuthorizeResponse,
  IapProviderBalanceResponse,
  IapProviderCancelResponse,
  IapProviderEstimateResponse,
  IapProviderCaptureResponse,
  IapProviderChargeResponse,
  IapProviderErrorBody,
} from "../types/http/provider"

import type {
  ProviderAuthorizeType,
  ProviderBalanceType,
  ProviderCancelType,
  ProviderCaptureType,
  ProviderChargeType,
  ProviderEstimateType,
} from "../api/iap/v1/validators"

export type * from "../types/http/provider"

export type IapProviderClientOptions = {
  /** The Medusa backend, e.g. `https://shop.example.com` (the API lives under `/iap/v1`). */
  baseUrl: string
  /** The service key shown when the service was created or its key rotated. */
  serviceKey: string
  /** A `fetch` implementation; the global one by default. */
  fetch?: typeof fetch
  /** Aborts a call after this many milliseconds (default 30 000). */
  timeoutMs?: number
}

/** Addresses one account by its token, optionally within one sales channel (required for restricted accounts). */
export type IapAccountRef = { account_token: string; sales_channel_id?: string | null }

/** Exactly one of `credits` and `usage` (a usage is priced by the service's rate card). */
export type IapChargeParams = IapAccountRef &
  ({ credits: Amount; usage?: never } | { usage: IapUsageInput; credits?: never }) & { idempotency_key: string; description?: string | null }
export type IapEstimateParams = IapAccountRef & { usage: IapUsageInput }
export type IapAuthorizeParams = IapChargeParams & { ttl_seconds?: number }
export type IapCaptureParams = IapAccountRef & {
  hold_id: string
  /** At most one: the credits, or the final usage (priced with the authorization's rate card version). */
  credits?: Amount
  usage?: IapUsageInput
  idempotency_key: string
  description?: string | null
}
export type IapCancelParams = IapAccountRef & { hold_id: string; idempotency_key: string }

/**
 * The params above are the routes' validated bodies (`z.infer` of `api/iap/v1/validators`),
 * narrowed where a validator refines (credits or usage, not both): this stops compiling when the
 * two drift apart. Not exported, so the published client types need neither zod nor Medusa.
 */
type SentAs<Validated, Params extends Validated> = Params
type ParamsMatchValidators = [
  SentAs<ProviderBalanceType, IapAccountRef>,
  SentAs<ProviderChargeType, IapChargeParams>,
  SentAs<ProviderEstimateType, IapEstimateParams>,
  SentAs<ProviderAuthorizeType, IapAuthorizeParams>,
  SentAs<ProviderCaptureType, IapCaptureParams>,
  SentAs<ProviderCancelType, IapCancelParams>,
]

/** A non-2xx answer of the provider API, with its status and JSON body (`body.type`, `body.message`). */
export class IapProviderError extends Error {
  readonly status: number
  readonly body: IapProviderErrorBody & Record<string, unknown>

  constructor(status: number, body: IapProviderErrorBody & Record<string, unknown>) {
    super(body.message || `IAP provider API answered ${status}`)
    this.name = "IapProviderError"
    this.status = status
    this.body = body
  }

  /** 402: the account lacks credits; `body.credits_url` is where its holder can buy more. */
  isInsufficientCredits(): this is IapProviderError & { body: IapInsufficientCreditsBody } {
    return this.status === 402 && this.body.type === "insufficient_credits"
  }
}

export class IapProviderClient {
  private readonly baseUrl: string
  private readonly serviceKey: string
  private readonly fetchImpl: typeof fetch
  private readonly timeoutMs: number

  constructor(options: IapProviderClientOptions) {
    if (!options?.baseUrl) throw new TypeError("IapProviderClient: baseUrl is required")
    if (!options.serviceKey) throw new TypeError("IapProviderClient: serviceKey is required")
    this.baseUrl = options.baseUrl.replace(/\/+$/, "")
    this.serviceKey = options.serviceKey
    this.fetchImpl = options.fetch ?? fetch
    this.timeoutMs = options.timeoutMs ?? 30_000
  }

  /** The account's balances (`available` is what the next charge may use). */
  balance(params: IapAccountRef): Promise<IapProviderBalanceResponse> {
    return this.post("balance", params)
  }

  /** Debits `credits` at once. Retrying with the same `idempotency_key` never debits twice. */
  charge(params: IapChargeParams): Promise<IapProviderChargeResponse> {
    return this.post("charge", params)
  }

  /** What `usage` would cost if charged now (rate, tiers), without charging. */
  estimate(params: IapEstimateParams): Promise<IapProviderEstimateResponse> {
    return this.post("estimate", params)
  }

  /** Reserves `credits` in a hold (first phase); capture or cancel it, or it expires. */
  authorize(params: IapAuthorizeParams): Promise<IapProviderAuthorizeResponse> {
    return this.post("authorize", params)
  }

  /** Debits `credits` (≤ authorized; all by default) from a hold and releases the rest. */
  capture(params: IapCaptureParams): Promise<IapProviderCaptureResponse> {
    return this.post("capture", params)
  }

  /** Releases a hold entirely. */
  cancel(params: IapCancelParams): Promise<IapProviderCancelResponse> {
    return this.post("cancel", params)
  }

  /**
   * Authorize → `work(hold)` → capture what `usage.credits` says (the work may lower it), or
   * cancel and rethrow the work's own error (a failing cancel is attached as `iap_cancel_error`).
   *
   * @example
   * const id = await iap.withCredits({ account_token, credits: 3, idempotency_key: "sms-42" }, async (hold, usage) => {
   *   const sent = await gateway.send(text)
   *   usage.credits = sent.parts
   *   return sent.id
   * })
   */
  async withCredits<T>(
    params: IapAuthorizeParams,
    work: (hold: IapProviderAuthorizeResponse["hold"], usage: { credits?: Amount; usage?: IapUsageInput }) => Promise<T> | T
  ): Promise<T> {
    const ref = { account_token: params.account_token, sales_channel_id: params.sales_channel_id }
    const { hold } = await this.authorize(params)
    const usage: { credits?: Amount; usage?: IapUsageInput } = { credits: params.credits, usage: params.usage }
    let value: T
    try {
      value = await work(hold, usage)
    } catch (error) {
      try {
        await this.cancel({ ...ref, hold_id: hold.id, idempotency_key: `${params.idempotency_key}:cancel` })
      } catch (cancelError) {
        if (error && typeof error === "object") (error as { iap_cancel_error?: unknown }).iap_cancel_error = cancelError
      }
      throw error
    }
    // An unchanged usage captures the whole hold; a new one is priced with the hold's version.
    const final = usage.usage && usage.usage === params.usage ? {} : usage.usage ? { usage: usage.usage } : { credits: usage.credits }
    await this.capture({
      ...ref,
      hold_id: hold.id,
      ...final,
      idempotency_key: `${params.idempotency_key}:capture`,
      description: params.description,
    })
    return value
  }

  private async post<T>(path: string, body: object): Promise<T> {
    const res = await this.fetchImpl(`${this.baseUrl}/iap/v1/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.serviceKey}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    })
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = null
    }
    if (!res.ok) {
      const errorBody = json && typeof json === "object" && typeof json.type === "string"
        ? json
        : { type: "unknown_error", message: `IAP provider API answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}` }
      throw new IapProviderError(res.status, errorBody)
    }
    return json as T
  }
}
