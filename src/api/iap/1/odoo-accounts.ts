import type { MedusaRequest } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { InsufficientCreditsError } from "../../../modules/iap/errors"
import { fromDb, parseAmount, toNumber } from "../../../modules/iap/utils/amount"
import type { IapAccountDTO, IapServiceDTO } from "../../../types"
import type { IapOdooRegistration } from "../../../types/odoo"
import { creditsUrl } from "../../utils/iap-errors"
import { iapService } from "../../utils/portal"
import { thirdPartyRefused } from "../v1/authenticate-provider"

/** How Odoo's calls name accounts, services and holds, checked the way the provider API checks them. */

/**
 * The buy-credits link for an Odoo database: the `creditsUrl` template with `{token}` and
 * `{dbuuid}` filled in, so the storefront can offer to link "this Odoo database".
 *
 * @example
 * odooCreditsUrl("https://shop.example/credits?service={service}&token={token}&db={dbuuid}", { service: "sms", credits: 5, account: "", token: "6f1c…", dbuuid: "1b4e…" })
 */
export function odooCreditsUrl(
  template: string,
  values: { service: string; credits: number; account: string; token: string; dbuuid: string }
): string {
  return creditsUrl(template, values)
}

/**
 * The service an Odoo provider's `key` authenticates (hashed lookup, constant-time compare),
 * with the `thirdPartyServices` rule of the provider API. AccessError otherwise.
 *
 * @example
 * const service = await authenticateOdooKey(req, params.key)
 */
export async function authenticateOdooKey(req: MedusaRequest, key: string): Promise<IapServiceDTO> {
  const iap = iapService(req)
  const { service } = await iap.authenticateProvider(key, null)
  if (!service) throw new MedusaError(MedusaError.Types.UNAUTHORIZED, "Invalid service key")
  if (thirdPartyRefused(iap, service)) {
    throw new MedusaError(MedusaError.Types.FORBIDDEN, "Third-party services are disabled on this store")
  }
  return service
}

/**
 * A service by technical name, for the calls an Odoo database makes without a key (not found →
 * AccessError).
 *
 * @example
 * const service = await odooService(req, params.service_name)
 */
export async function odooService(req: MedusaRequest, technicalName: string): Promise<IapServiceDTO> {
  return iapService(req).retrieveServiceByName(technicalName)
}

/**
 * The account an Odoo token names for a service, or null while it names none usable: not
 * linked yet, another service's, closed, or restricted to sales channels the link was not
 * made in (docs/rules.md rule 12: a link remembers the store channel it was made in; our own account token
 * carries no channel, so it reaches unrestricted accounts only). `service` null: the call
 * names none (the warning update), any service's account will do.
 *
 * @example
 * const account = await findOdooAccount(req, service, params.account_token, params.dbuuid ?? null)
 */
export async function findOdooAccount(
  req: MedusaRequest,
  service: IapServiceDTO | null,
  token: string,
  dbuuid: string | null
): Promise<IapAccountDTO | null> {
  const found = await iapService(req).findAccountByOdooToken(token, dbuuid)
  if (!found) return null
  const { account, link } = found
  if ((service && account.service_id !== service.id) || account.state === "closed") return null
  if (account.sales_channel_ids.length && !(link?.sales_channel_id && account.sales_channel_ids.includes(link.sales_channel_id))) {
    return null
  }
  return account
}

/**
 * An unknown token asks for credits like an empty account: InsufficientCreditError with the
 * buy link (whose page links the token to the customer's account).
 *
 * @example
 * throw notLinked(service, params.credit)
 */
export function notLinked(service: IapServiceDTO, credit: number | string): InsufficientCreditsError {
  return new InsufficientCreditsError({
    service: service.technical_name,
    required: toNumber(parseAmount(credit, { field: "credit" })),
    available: 0,
    account_id: "",
  })
}

/**
 * Odoo's transaction token is our hold id; it names a hold only for the service whose key
 * asks (AccessError for any other, as for a hold that does not exist).
 *
 * @example
 * const hold = await findOdooHold(req, service, params.token)
 */
export async function findOdooHold(req: MedusaRequest, service: IapServiceDTO, token: string) {
  const iap = iapService(req)
  const [hold] = await iap.listIapHolds({ id: token }, { select: ["id", "account_id", "raw_amount"] })
  const [account] = hold ? await iap.listAccountsByIds([hold.account_id]) : []
  if (!hold || !account || account.service_id !== service.id) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Unknown transaction token")
  }
  return { id: hold.id, amount: fromDb((hold.raw_amount as { value: string }).value), account }
}

/**
 * What Odoo shows as the balance: the account's credits not held by a pending authorization.
 *
 * @example
 * odooBalance(account) // 25 − 10 reserved → 15
 */
export function odooBalance(account: IapAccountDTO): number {
  return toNumber(parseAmount(account.balance, { allowZero: true, allowNegative: true }) - parseAmount(account.reserved, { allowZero: true }))
}

/**
 * Odoo's `iap.account` state: registered once linked and usable, banned while suspended.
 *
 * @example
 * odooRegistration(null) // "unregistered"
 */
export function odooRegistration(account: IapAccountDTO | null): IapOdooRegistration {
  if (!account) return "unregistered"
  return account.state === "active" ? "registered" : "banned"
}
