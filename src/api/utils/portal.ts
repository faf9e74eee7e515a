import type { AuthenticatedMedusaRequest, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import { parseAmount, toNumber } from "../../modules/iap/utils/amount"
import type { IapPortalAccountDTO, IapStoreAccountDTO } from "../../types/portal"
import { creditsUrl, withIapErrors } from "./iap-errors"

/** Helpers shared by the admin and store IAP portal routes. */

/**
 * The IAP module of the request's container.
 *
 * @example
 * const page = await iapService(req).listPortalAccounts(filters, { limit: 20, offset: 0 })
 */
export function iapService(req: { scope: AuthenticatedMedusaRequest["scope"] }): IapModuleService {
  return req.scope.resolve<IapModuleService>(IAP_MODULE)
}

/**
 * Who did it, for the ledger: the signed-in admin (or the secret API key).
 *
 * @example
 * adminActor(req) // { actor_type: "user", actor_id: "user_01…" }
 */
export function adminActor(req: AuthenticatedMedusaRequest) {
  return { actor_type: req.auth_context.actor_type, actor_id: req.auth_context.actor_id }
}

/**
 * The client's idempotency key, or a fresh one: a request without a key is a new operation
 * (send a key to make retries safe).
 *
 * @example
 * idempotencyKeyOf(undefined, "admin-grant") // "admin-grant:6f1c…"
 */
export function idempotencyKeyOf(given: string | undefined, prefix: string): string {
  return given ?? `${prefix}:${randomUUID()}`
}

/**
 * What a store request may see: the signed-in customer's accounts usable in the sales
 * channels of its publishable API key (unrestricted, or restricted to one of them).
 *
 * @example
 * await iapService(req).retrievePortalAccount(req.params.id, storeScope(req)) // 404 unless it is theirs
 */
export function storeScope(req: AuthenticatedMedusaRequest) {
  return {
    customer_id: [req.auth_context.actor_id],
    usable_in_sales_channel_ids: req.publishable_key_context?.sales_channel_ids ?? [],
  }
}

/**
 * The "buy credits" link of an account: `{credits}` is what is missing to get back to the
 * warning threshold (0 when at or above it, or without a threshold).
 *
 * @example
 * accountCreditsUrl("/credits?service={service}&credits={credits}", account) // "/credits?service=sms&credits=6"
 */
export function accountCreditsUrl(
  template: string,
  account: { id: string; service: string; available: number; warning_threshold: number | null }
): string {
  const missing =
    account.warning_threshold === null
      ? 0n
      : parseAmount(account.warning_threshold, { allowZero: true }) -
        parseAmount(account.available, { allowZero: true, allowNegative: true })
  return creditsUrl(template, { service: account.service, credits: missing > 0n ? toNumber(missing) : 0, account: account.id })
}

/**
 * An account as its customer sees it in the store: no metadata, plus the `credits_url`.
 *
 * @example
 * toStoreAccount(account, iapService(req).getOptions().creditsUrl).credits_url
 */
export function toStoreAccount<T extends IapPortalAccountDTO>(account: T, template: string) {
  const { metadata: _metadata, customer: _customer, ...rest } = account
  return { ...rest, credits_url: accountCreditsUrl(template, account) } as Omit<T, "metadata" | "customer"> & IapStoreAccountDTO
}

type Handler = (req: any, res: MedusaResponse) => Promise<unknown>

/**
 * Wraps a portal route that changes something: 402 with the rule-10 body for insufficient
 * credits, and 409 with the conflict's own message and code (`idempotency_key_reused`, a
 * duplicate service or account, a lot already voided), which Medusa's error handler would
 * replace with a generic text. Other errors go on to it.
 *
 * @example
 * export const POST = portalRoute(async (req, res) => { ... })
 */
export function portalRoute<H extends Handler>(handler: H): H {
  return withIapErrors(async (req: MedusaRequest, res: MedusaResponse) => {
    try {
      return await handler(req, res)
    } catch (e) {
      if ((e as MedusaError)?.type === MedusaError.Types.CONFLICT) {
        const { code, message } = e as MedusaError
        res.status(409).json({ type: MedusaError.Types.CONFLICT, ...(code ? { code } : {}), message })
        return
      }
      throw e
    }
  }) as unknown as H
}
