import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { randomUUID } from "crypto"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import { parseAmount, toNumber } from "../../modules/iap/utils/amount"
import type { IapPortalAccountDTO, IapStoreAccountDTO } from "../../types/portal"
import { creditsUrl } from "./iap-errors"

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
