import type Medusa from "@medusajs/js-sdk"
import type {
  StoreIapAccountListResponse,
  StoreIapAccountResponse,
  StoreIapConsumptionResponse,
  StoreIapPackListResponse,
  StoreIapRotateTokenResponse,
  StoreIapTransactionListResponse,
} from "../types/http/store"

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
  }
}

export type IapStoreClient = ReturnType<typeof createIapStoreClient>
