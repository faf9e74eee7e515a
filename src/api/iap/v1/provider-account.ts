import { MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"
import { fromDb, parseAmount, toNumber } from "../../../modules/iap/utils/amount"
import type { Amount, IapAccountBalancesDTO, IapServiceDTO } from "../../../types"
import type { IapProviderAccount } from "../../../types/http/provider"
import type { ProviderRequest } from "./authenticate-provider"

/**
 * One answer for every token a provider may not use (unknown, another service's, closed, or
 * outside the account's sales channels), so the API never tells which tokens exist.
 */
const unknownToken = () => new MedusaError(MedusaError.Types.NOT_FOUND, "Unknown account token")

/**
 * The account an authenticated provider addresses by token, checked against its service and
 * the account's sales-channel restriction (docs/rules.md §12: a restricted account needs one of its
 * channels). The token is looked up by hash and never logged.
 *
 * @example
 * const account = await findProviderAccount(req, body.account_token, body.sales_channel_id)
 */
export async function findProviderAccount(req: ProviderRequest, token: string, salesChannelId?: string | null) {
  const known = req.iap_token_account
  const account =
    known && known.token === token ? known.account : await req.scope.resolve<IapModuleService>(IAP_MODULE).findAccountByToken(token)
  if (!account || account.service_id !== req.iap_service.id || account.state === "closed") throw unknownToken()
  const restricted = account.sales_channel_ids.length > 0
  if (restricted && (!salesChannelId || !account.sales_channel_ids.includes(salesChannelId))) throw unknownToken()
  return account
}

/**
 * The hold, if it belongs to the account; another account's hold answers 404 exactly like a
 * hold that does not exist.
 *
 * @example
 * const hold = await findProviderHold(req, account.id, body.hold_id)
 */
export async function findProviderHold(req: ProviderRequest, accountId: string, holdId: string): Promise<{ id: string; amount: bigint }> {
  const [hold] = await req.scope
    .resolve<IapModuleService>(IAP_MODULE)
    .listIapHolds({ id: holdId }, { select: ["id", "account_id", "raw_amount"] })
  if (!hold || hold.account_id !== accountId) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP hold with id: ${holdId} was not found`)
  }
  return { id: hold.id, amount: fromDb((hold.raw_amount as { value: string }).value) }
}

/**
 * Runs a module call of a provider route, naming its amount by the request's field: the module
 * checks whole credits (docs/rules.md §2) and capture ≤ authorized (§5) itself, once (its SQL fast path
 * leaves a failing request to the general path, which answers it), and calls the amount
 * `amount`; the provider API's field is `credits`. One home per rule: the route only translates.
 *
 * @example
 * const result = await asCreditsField(chargeCreditsDirect(req.scope, input))
 */
export async function asCreditsField<T>(call: Promise<T>): Promise<T> {
  try {
    return await call
  } catch (e) {
    if (MedusaError.isMedusaError(e) && e.type === MedusaError.Types.INVALID_DATA && e.message.startsWith("amount ")) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `credits ${e.message.slice("amount ".length)}`)
    }
    throw e
  }
}

/**
 * Checks credits against the service (whole credits only for `integer_credits`) and, for a
 * capture, the hold's amount, naming the request's field (`credits` unless `field` says; the
 * module calls it `amount`). For the Odoo protocol's routes; the provider API's routes leave
 * these checks to the module (`asCreditsField`).
 *
 * @example
 * assertServiceCredits(req.iap_service, body.credits, { max: hold.amount })
 */
export function assertServiceCredits(
  service: IapServiceDTO,
  credits: Amount | undefined,
  opts: { max?: bigint; field?: string } = {}
): void {
  if (credits === undefined) return
  const field = opts.field ?? "credits"
  const units = parseAmount(credits, { field, integer: service.integer_credits, allowZero: true })
  if (opts.max !== undefined && units > opts.max) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} must be at most the authorized ${toNumber(opts.max)}`)
  }
}

/**
 * What a provider sees of an account: balances, not the holder or the token.
 *
 * @example
 * res.json({ account: toProviderAccount(result.account), replayed: result.replayed })
 */
export function toProviderAccount(a: IapAccountBalancesDTO): IapProviderAccount {
  return {
    id: a.id,
    service: a.service,
    state: a.state,
    balance: a.balance,
    reserved: a.reserved,
    available: a.available,
    pending: a.pending,
    debt: a.debt,
    overdraft_limit: a.overdraft_limit,
  }
}
