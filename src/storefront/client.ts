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

/** What a request needs: a method, a query, a JSON body. */
export type IapFetchInit = { method?: string; query?: Record<string, unknown>; body?: unknown }

/**
 * Where the client sends its requests: a js-sdk instance, or anything with the same
 * `client.fetch` — e.g. a Next.js server action that adds the customer's auth headers from an
 * httpOnly cookie, as Medusa's starters keep them (docs/storefront.md).
 */
export type IapStoreTransport = { client: { fetch<T>(path: string, init?: IapFetchInit): Promise<T> } }

type CartResponse = Awaited<ReturnType<Medusa["store"]["cart"]["createLineItem"]>>
type ShippingOptionsResponse = Awaited<ReturnType<Medusa["store"]["fulfillment"]["listCartOptions"]>>

/**
 * The store IAP API on a storefront's js-sdk instance (its publishable key and the signed-in
 * customer's session or JWT go with every call), or on any IapStoreTransport. Safe in React
 * server components: no state.
 *
 * @example
 * const iap = createIapStoreClient(sdk)
 * const { accounts } = await iap.listAccounts()
 */
export function createIapStoreClient(sdk: Medusa | IapStoreTransport) {
  const transport = sdk as IapStoreTransport
  const get = <T>(path: string, query?: Record<string, unknown>) => transport.client.fetch<T>(path, { method: "GET", query })
  const post = <T>(path: string, body?: Record<string, unknown>) => transport.client.fetch<T>(path, { method: "POST", body: body ?? {} })
  const cart = (id: string) => `/store/carts/${encodeURIComponent(id)}`
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
    addPackToCart: (cartId: string, variantId: string, quantity = 1) => post<CartResponse>(`${cart(cartId)}/line-items`, { variant_id: variantId, quantity }),
    /**
     * A storefront's delivery step for packs: picks the plugin's free "Instant delivery" when the
     * cart is offered it (it holds packs). Returns its id, or null when it is not offered.
     */
    addInstantDelivery: async (cartId: string) => {
      const { shipping_options } = await get<ShippingOptionsResponse>("/store/shipping-options", { cart_id: cartId })
      const instant = shipping_options.find((o) => o.provider_id === DIGITAL_FULFILLMENT_PROVIDER_ID)
      if (instant) await post<CartResponse>(`${cart(cartId)}/shipping-methods`, { option_id: instant.id })
      return instant?.id ?? null
    },
    retrieveAutoRecharge: (id: string) => get<IapAutoRechargeResponse>(`${account(id)}/auto-recharge`),
    /** Creates or replaces the account's auto-recharge settings (saving re-arms the trigger). */
    saveAutoRecharge: (id: string, body: AutoRechargeInput) => post<IapAutoRechargeResponse>(`${account(id)}/auto-recharge`, body as Record<string, unknown>),
    removeAutoRecharge: (id: string) =>
      transport.client.fetch<IapAutoRechargeDeleteResponse>(`${account(id)}/auto-recharge`, { method: "DELETE" }),
    /** The customer's saved payment methods at every provider they are an account holder of. */
    listPaymentMethods: () => get<IapSavedPaymentMethodsResponse>("/store/iap/payment-methods"),
  }
}

export type IapStoreClient = ReturnType<typeof createIapStoreClient>
