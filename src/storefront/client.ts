import type Medusa from "@medusajs/js-sdk"
import type {
  StoreIapAccountListResponse,
  StoreIapAccountResponse,
  StoreIapConsumptionResponse,
  StoreIapPackListResponse,
  StoreIapRotateTokenResponse,
  StoreIapTransactionListResponse,
} from "../types/http/store"
import type { AutoRechargeInput } from "../types/auto-recharge"
import type { IapAutoRechargeDeleteResponse, IapAutoRechargeResponse, IapSavedPaymentMethodsResponse } from "../types/http/auto-recharge"
import { DIGITAL_FULFILLMENT_PROVIDER_ID } from "../providers/digital-fulfillment/ids"

/** Query of `GET /store/iap/accounts/:id/transactions`. */
export type IapTransactionQuery = {
  limit?: number
  offset?: number
  order?: "seq" | "-seq"
  type?: string[]
  "created_at[$gte]"?: string
  "created_at[$lte]"?: string
}

/**
 * The store IAP API on a storefront's js-sdk instance (its publishable key and the signed-in
 * customer's session or JWT go with every call). Safe in React server components: no state.
 *
 * @example
 * const iap = createIapStoreClient(sdk)
 * const { accounts } = await iap.listAccounts()
 */
export function createIapStoreClient(sdk: Medusa) {
  const get = <T>(path: string, query?: Record<string, unknown>) => sdk.client.fetch<T>(path, { method: "GET", query })
  const post = <T>(path: string, body?: Record<string, unknown>) => sdk.client.fetch<T>(path, { method: "POST", body: body ?? {} })
  const account = (id: string) => `/store/iap/accounts/${encodeURIComponent(id)}`
  return {
    listAccounts: (query?: { service?: string[]; limit?: number; offset?: number }) =>
      get<StoreIapAccountListResponse>("/store/iap/accounts", query),
    retrieveAccount: (id: string) => get<StoreIapAccountResponse>(account(id)),
    /** The low-balance alert: a threshold (null switches it off) and up to 10 recipients. */
    updateLowBalanceAlert: (id: string, body: { warning_threshold?: number | string | null; warning_emails?: string[] }) =>
      post<StoreIapAccountResponse>(account(id), body),
    /** A new account token; the response is the only time it is shown. */
    rotateToken: (id: string) => post<StoreIapRotateTokenResponse>(`${account(id)}/rotate-token`),
    listTransactions: (id: string, query?: IapTransactionQuery) => get<StoreIapTransactionListResponse>(`${account(id)}/transactions`, query),
    consumption: (query?: { from?: string; to?: string; service?: string[]; account_id?: string[] }) =>
      get<StoreIapConsumptionResponse>("/store/iap/consumption", query),
    listPacks: (query?: { region_id?: string; currency_code?: string; service?: string }) =>
      get<StoreIapPackListResponse>("/store/iap/packs", query),
    /** Adds a pack to a cart (a storefront's own cart, as for any product). */
    addPackToCart: (cartId: string, variantId: string, quantity = 1) => sdk.store.cart.createLineItem(cartId, { variant_id: variantId, quantity }),
    /**
     * A storefront's delivery step for packs: picks the plugin's free "Instant delivery" when the
     * cart is offered it (it holds packs). Returns its id, or null when it is not offered.
     */
    addInstantDelivery: async (cartId: string) => {
      const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })
      const instant = shipping_options.find((o) => o.provider_id === DIGITAL_FULFILLMENT_PROVIDER_ID)
      if (instant) await sdk.store.cart.addShippingMethod(cartId, { option_id: instant.id })
      return instant?.id ?? null
    },
    retrieveAutoRecharge: (id: string) => get<IapAutoRechargeResponse>(`${account(id)}/auto-recharge`),
    /** Creates or replaces the account's auto-recharge settings (saving re-arms the trigger). */
    saveAutoRecharge: (id: string, body: AutoRechargeInput) => post<IapAutoRechargeResponse>(`${account(id)}/auto-recharge`, body as Record<string, unknown>),
    removeAutoRecharge: (id: string) =>
      sdk.client.fetch<IapAutoRechargeDeleteResponse>(`${account(id)}/auto-recharge`, { method: "DELETE" }),
    /** The customer's saved payment methods at every provider they are an account holder of. */
    listPaymentMethods: () => get<IapSavedPaymentMethodsResponse>("/store/iap/payment-methods"),
  }
}

export type IapStoreClient = ReturnType<typeof createIapStoreClient>
