import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"
import { answerIapError } from "../../utils/iap-errors"
import type { z } from "@medusajs/framework/zod"
import { hashSecret } from "../../../modules/iap/utils/secrets"
import type { IapAccountDTO, IapProviderAddress, IapServiceDTO } from "../../../types"

/** A provider API request once its service key is verified. */
export type ProviderRequest<Body = unknown> = MedusaRequest<Body> & {
  iap_service: IapServiceDTO
  /** The account of the body's `account_token`, looked up with the key (null: no such token). */
  iap_token_account?: { token: string; account: IapAccountDTO | null }
  /** Set instead of the two above when authentication is left to the route's statement (`authenticateOrAddress`). */
  iap_address?: IapProviderAddress & { account_id: string }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/**
 * The `thirdPartyServices` rule, for every way a provider authenticates (this API's header,
 * the Odoo protocol's `key` parameter): a third-party service is refused while it is disabled.
 *
 * @example
 * if (thirdPartyRefused(iap, service)) throw forbidden
 */
export function thirdPartyRefused(iap: IapModuleService, service: Pick<IapServiceDTO, "provider_type">): boolean {
  return service.provider_type === "third_party" && iap.getOptions().thirdPartyServices === "disabled"
}

/**
 * Authenticates `Authorization: Bearer <service key>` (hashed lookup, constant-time compare;
 * the key is never logged) and puts the service on `req.iap_service`. 401 without a valid
 * key; 403 for a third-party service while the option `thirdPartyServices` is `"disabled"`.
 * The body's `account_token`, which every account route sends, is looked up in the same query
 * (one round trip fewer on the hot path); `findProviderAccount` checks it.
 *
 * @example
 * { matcher: "/iap/v1/charge", methods: ["POST"], middlewares: [authenticateProvider, validateAndTransformBody(ProviderCharge)] }
 */
export async function authenticateProvider(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  try {
    if (await authenticate(req, res)) next()
  } catch (e) {
    if (!answerIapError(e, req, res)) next(e)
  }
}

/** `authenticateProvider` as a call: true once `req.iap_service` is set, false when it answered (401, 403). */
async function authenticate(req: MedusaRequest, res: MedusaResponse): Promise<boolean> {
  const key = BEARER.exec(req.headers.authorization ?? "")?.[1]
  if (!key) {
    res.status(401).json({ type: "unauthorized", message: "Missing service key: send the header Authorization: Bearer <service key>" })
    return false
  }
  const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
  const token = (req.body as { account_token?: unknown } | undefined)?.account_token
  const lookedUp = typeof token === "string" && token.length > 0 && token.length <= 200 ? token : null
  const { service, account } = await iap.authenticateProvider(key, lookedUp)
  if (!service) {
    res.status(401).json({ type: "unauthorized", message: "Invalid service key" })
    return false
  }
  if (thirdPartyRefused(iap, service)) {
    res.status(403).json({ type: "forbidden", message: "Third-party services are disabled on this store" })
    return false
  }
  ;(req as ProviderRequest).iap_service = service
  if (lookedUp !== null) (req as ProviderRequest).iap_token_account = { token: lookedUp, account }
  remember(key, service, lookedUp, account)
  return true
}

/**
 * What this process last found keys and tokens (by hash) to name: the service, the account.
 * Only hints: `authenticateOrAddress` sends them with the call, whose one statement checks them
 * again (`iap_provider_account`), so a rotated key or token, a closed account or a changed
 * sales-channel restriction is refused there as here. Never the secrets themselves.
 */
const seenKeys = new Map<string, Pick<IapServiceDTO, "id" | "provider_type">>()
const seenTokens = new Map<string, string>()
const SEEN_MAX = 10_000

function remember(key: string, service: IapServiceDTO, token: string | null, account: IapAccountDTO | null) {
  if (seenKeys.size >= SEEN_MAX) seenKeys.clear()
  if (seenTokens.size >= SEEN_MAX) seenTokens.clear()
  seenKeys.set(hashSecret(key), { id: service.id, provider_type: service.provider_type })
  if (token !== null && account && account.service_id === service.id) seenTokens.set(hashSecret(token), account.id)
}

/**
 * A route's call for a request `authenticateOrAddress` addressed: its result; or, when the
 * statement declined (rotated key or token, closed account, empty balance, …), null once the token
 * hint is forgotten and the request authenticated the usual way — which may have answered (401,
 * 403: `res.headersSent`). Null at once for a request authenticated already.
 *
 * @example
 * const early = await addressedCall(req, res, (a) => chargeCreditsAddressed(req.scope, { ...input, account_id: a.account_id }, a))
 */
export async function addressedCall<T>(
  req: ProviderRequest,
  res: MedusaResponse,
  call: (address: NonNullable<ProviderRequest["iap_address"]>) => Promise<T | null>
): Promise<T | null> {
  const address = req.iap_address
  if (!address) return null
  const done = await call(address)
  if (done) return done
  seenTokens.delete(address.token_hash)
  await authenticate(req, res)
  return null
}

/**
 * For the charge, authorize and capture routes: when this process has already authenticated the request's
 * key and found its token's account, and the body is valid (`schema`), authentication is left to
 * the route's one statement, which re-checks it (`req.iap_address`, `req.validatedBody`): one
 * round trip instead of two. Otherwise `authenticateProvider`, as on every provider route. A
 * route given `iap_address` whose statement declines is authenticated the usual way before
 * anything else (`addressedCall`), so every answer (401, 403, 404, 400, 402, …) stays what it is.
 *
 * @example
 * { matcher: "/iap/v1/charge", methods: ["POST"], middlewares: [authenticateOrAddress(ProviderCharge), validateAsIs(ProviderCharge)] }
 */
export function authenticateOrAddress(schema: z.ZodType) {
  return async (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => {
    const key = BEARER.exec(req.headers.authorization ?? "")?.[1]
    const token = (req.body as { account_token?: unknown } | undefined)?.account_token
    if (key && typeof token === "string" && token.length <= 200) {
      const address = { key_hash: hashSecret(key), token_hash: hashSecret(token) }
      const service = seenKeys.get(address.key_hash)
      const accountId = seenTokens.get(address.token_hash)
      if (service && accountId && !thirdPartyRefused(req.scope.resolve<IapModuleService>(IAP_MODULE), service)) {
        const parsed = schema.safeParse(req.body)
        if (parsed.success) {
          const body = parsed.data as { sales_channel_id?: string | null }
          req.validatedBody = body
          ;(req as ProviderRequest).iap_address = { ...address, service_id: service.id, account_id: accountId, sales_channel_id: body.sales_channel_id ?? null }
          return next()
        }
      }
    }
    return authenticateProvider(req, res, next)
  }
}
