/**
 * Shapes of the admin IAP API as the dashboard reads them. Type-only imports of the plugin's
 * own DTOs (erased at build time, so nothing from the backend lands in the admin bundle).
 */
import type {
  IapCreditLotDTO,
  IapHoldDTO,
  IapLotCategory,
  IapServiceDTO,
  IapTransactionType,
} from "../../types"
import type {
  IapConsumptionSeries,
  IapPortalAccountDetailDTO,
  IapPortalAccountDTO,
  IapPortalTransactionDTO,
} from "../../types/portal"

export type {
  IapAccountState,
  IapCreditLotDTO,
  IapHoldDTO,
  IapLotStatus,
  IapServiceDTO,
  IapTransactionType,
} from "../../types"
export type {
  IapConsumptionSeries,
  IapPortalAccountDetailDTO,
  IapPortalAccountDTO,
  IapPortalTransactionDTO,
} from "../../types/portal"

export type Paginated = { count: number; limit: number; offset: number }

export type ServiceListResponse = Paginated & { services: IapServiceDTO[] }
export type ServiceResponse = { service: IapServiceDTO }
/** Create and rotate answer with the plain key of a third-party service, this once. */
export type ServiceWithKeyResponse = { service: IapServiceDTO; key?: string | null }

export type ServiceFormValues = {
  technical_name?: string
  name: string
  description?: string | null
  unit_name?: string
  integer_credits?: boolean
  trial_credits?: number | string
  default_warning_threshold?: number | string | null
  provider_type?: "first_party" | "third_party"
  hold_ttl_seconds?: number | null
}

/** A pack as `/admin/iap/packs` returns it (default fields: service and variant joined). */
export type AdminCreditPack = {
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
export type PackListResponse = Paginated & { packs: AdminCreditPack[] }

export type AccountListQuery = {
  limit?: number
  offset?: number
  order?: string
  q?: string
  service_id?: string[]
  customer_id?: string[]
  sales_channel_id?: string[]
  state?: string[]
}
export type AccountListResponse = Paginated & { accounts: IapPortalAccountDTO[] }
export type AccountResponse = { account: IapPortalAccountDetailDTO }

export type AccountUpdate = {
  sales_channel_ids?: string[]
  state?: "active" | "suspended" | "closed"
  overdraft_limit?: number | string
  warning_threshold?: number | string | null
  warning_emails?: string[]
}

export type GrantInput = {
  amount: string
  note: string
  category?: IapLotCategory
  expires_after_days?: number
  idempotency_key?: string
}
export type AdjustInput = { amount: string; note: string; idempotency_key?: string }
export type MutationResponse = {
  account: IapPortalAccountDetailDTO
  lot?: IapCreditLotDTO | null
  transaction?: unknown
  replayed?: boolean
}

export type TransactionListQuery = {
  limit?: number
  offset?: number
  account_id?: string[]
  type?: IapTransactionType[]
  created_at?: { $gte?: string; $lte?: string }
}
export type TransactionListResponse = Paginated & { transactions: IapPortalTransactionDTO[] }

export type ConsumptionResponse = { consumption: IapConsumptionSeries }

/** `GET /admin/iap/orders/:id/credits`: the lots an order's credit packs created. */
export type { AdminOrderCreditLot as OrderCreditLot, AdminOrderCreditsResponse as OrderCreditsResponse } from "../../types/http/orders"

