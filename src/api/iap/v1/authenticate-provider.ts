import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"
import { answerIapError } from "../../utils/iap-errors"
import type { IapAccountDTO, IapServiceDTO } from "../../../types"

/** A provider API request once its service key is verified. */
export type ProviderRequest<Body = unknown> = MedusaRequest<Body> & {
  iap_service: IapServiceDTO
  /** The account of the body's `account_token`, looked up with the key (null: no such token). */
  iap_token_account?: { token: string; account: IapAccountDTO | null }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i

/**
 * The `thirdPartyServices` rule, for every way a provider authenticates (this API's header,
 * the Odoo protocol's `key` parameter): a third-party service is refused while it is disabled.
 *
 * @example
 * if (thirdPartyRefused(iap, service)) throw forbidden
 */
export function thirdPartyRefused(iap: IapModuleService, service: IapServiceDTO): boolean {
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
    const key = BEARER.exec(req.headers.authorization ?? "")?.[1]
    if (!key) {
      res.status(401).json({ type: "unauthorized", message: "Missing service key: send the header Authorization: Bearer <service key>" })
      return
    }
    const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
    const token = (req.body as { account_token?: unknown } | undefined)?.account_token
    const lookedUp = typeof token === "string" && token.length > 0 && token.length <= 200 ? token : null
    const { service, account } = await iap.authenticateProvider(key, lookedUp)
    if (!service) {
      res.status(401).json({ type: "unauthorized", message: "Invalid service key" })
      return
    }
    if (thirdPartyRefused(iap, service)) {
      res.status(403).json({ type: "forbidden", message: "Third-party services are disabled on this store" })
      return
    }
    ;(req as ProviderRequest).iap_service = service
    if (lookedUp !== null) (req as ProviderRequest).iap_token_account = { token: lookedUp, account }
    next()
  } catch (e) {
    if (!answerIapError(e, req, res)) next(e)
  }
}
