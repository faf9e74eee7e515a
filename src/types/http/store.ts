import type { IapCreditLotDTO } from "../index"
import type { IapConsumptionSeries, IapPortalTransactionDTO, IapStoreAccountDTO } from "../portal"

/** Responses of the store API (`/store/iap/...`), as a storefront receives them. */

/** A lot as its customer sees it (no internal source, unit price or currency). */
export type StoreIapLot = Omit<IapCreditLotDTO, "source_id" | "unit_price" | "currency_code">

export type StoreIapAccountDetail = IapStoreAccountDTO & { lots: StoreIapLot[] }

/** A ledger row as its customer sees it (no idempotency key, hold, actor, customer or rate ids). */
export type StoreIapTransaction = Omit<IapPortalTransactionDTO, "idempotency_key" | "actor_id" | "hold_id" | "customer_id" | "rate_id">

/** A credit pack on sale, with the variant to add to a cart and its price in the asked region. */
export type StoreIapPack = {
  id: string
  credits: number
  expires_after_days: number | null
  category: "paid" | "promotional"
  service: { technical_name: string; name: string; description: string | null; unit_name: string }
  variant_id: string
  variant_title: string
  product: { id: string; title: string; handle: string; thumbnail: string | null }
  calculated_price: { calculated_amount: number; currency_code: string; [key: string]: unknown } | null
}

/** GET /store/iap/accounts */
export type StoreIapAccountListResponse = { accounts: IapStoreAccountDTO[]; count: number; limit: number; offset: number }
/** GET /store/iap/accounts/:id and POST /store/iap/accounts/:id (low-balance alert) */
export type StoreIapAccountResponse = { account: StoreIapAccountDetail }
/** POST /store/iap/accounts/:id/rotate-token: the token in plain text, this once. */
export type StoreIapRotateTokenResponse = { account: StoreIapAccountDetail; token: string }
/** GET /store/iap/accounts/:id/transactions */
export type StoreIapTransactionListResponse = { transactions: StoreIapTransaction[]; count: number; limit: number; offset: number }
/** GET /store/iap/consumption */
export type StoreIapConsumptionResponse = { consumption: IapConsumptionSeries }
/** GET /store/iap/packs */
export type StoreIapPackListResponse = { packs: StoreIapPack[] }

/** The body of a 402 from any IAP API (declared with the provider API's bodies). */
export type { IapInsufficientCreditsBody } from "./provider"
