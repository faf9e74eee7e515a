/**
 * Responses of the admin IAP API (`/admin/iap/*`), as the dashboard and any admin client read
 * them.
 */
import type { IapCreditLotDTO, IapLotCategory, IapServiceDTO, IapTransactionDTO } from "../index"
import type {
  IapConsumptionSeries,
  IapPortalAccountDetailDTO,
  IapPortalAccountDTO,
  IapPortalTransactionDTO,
} from "../portal"

export type AdminIapPagination = { count: number; limit: number; offset: number }

export type AdminIapServiceListResponse = AdminIapPagination & { services: IapServiceDTO[] }
export type AdminIapServiceResponse = { service: IapServiceDTO }
/** Create and rotate answer with the plain key of a third-party service, this once. */
export type AdminIapServiceKeyResponse = { service: IapServiceDTO; key?: string | null }
/** `DELETE /admin/iap/services/:id` archives (accounts and ledger keep pointing at it). */
export type AdminIapServiceArchiveResponse = { id: string; object: "iap_service"; archived: true; service: IapServiceDTO }

/** What a `DELETE` answers, as Medusa's own admin routes do. */
export type AdminIapDeleteResponse<O extends string> = { id: string; object: O; deleted: true }

/** A pack as `/admin/iap/packs` returns it (default fields: service and variant joined). */
export type AdminIapCreditPack = {
  id: string
  service_id: string
  credits: number
  expires_after_days: number | null
  category: IapLotCategory
  metadata: Record<string, unknown> | null
  created_at: string
  service?: { id: string; technical_name: string; name: string; unit_name: string; status: string } | null
  product_variant?: {
    id: string
    title: string | null
    sku: string | null
    product_id: string
    product?: { title: string; status: string } | null
    prices?: { amount: number; currency_code: string }[]
  } | null
}
export type AdminIapCreditPackListResponse = AdminIapPagination & { packs: AdminIapCreditPack[] }

export type AdminIapAccountListResponse = AdminIapPagination & { accounts: IapPortalAccountDTO[] }
export type AdminIapAccountResponse = { account: IapPortalAccountDetailDTO }

/** `POST /admin/iap/accounts/:id/grant` and `…/adjust`: the account after the write, and what was written. */
export type AdminIapAccountMutationResponse = {
  account: IapPortalAccountDetailDTO
  lot: IapCreditLotDTO | null
  /** Null when nothing was written to the ledger (a grant of pending credits). */
  transaction: IapTransactionDTO | null
  replayed: boolean
}

/** `POST /admin/iap/accounts/:id/lots/:lot_id/void`: what the void took, and what it could not (already spent). */
export type AdminIapVoidLotResponse = AdminIapAccountMutationResponse & { voided: number; shortfall: number }

export type AdminIapTransactionListResponse = AdminIapPagination & { transactions: IapPortalTransactionDTO[] }

export type AdminIapConsumptionResponse = { consumption: IapConsumptionSeries }

/** `GET /admin/iap/orders/:id/credits`: the lots an order's credit packs created (./orders.ts). */
export type { AdminOrderCreditLot as AdminIapOrderCreditLot, AdminOrderCreditsResponse as AdminIapOrderCreditsResponse } from "./orders"

/** `POST /admin/iap/accounts`: the new account and its token, in plain text this once. */
export type AdminIapCreateAccountResponse = { account: IapPortalAccountDetailDTO; token: string }

export type AdminIapCreditPackResponse = { pack: AdminIapCreditPack }

/** `POST /admin/iap/packs/products`: the product made and its packs. */
export type AdminIapCreditPackProductResponse = {
  product: { id: string; title: string; handle: string; status: string; variants: { id: string; title: string | null }[] }
  packs: AdminIapCreditPack[]
}
