/**
 * Shapes of the admin IAP API as the dashboard reads them. Type-only imports of the plugin's
 * own DTOs (erased at build time, so nothing from the backend lands in the admin bundle).
 */
import type { AdminGetIapAccountsParamsType } from "../../api/admin/iap/accounts/validators"
import type { AdminGetIapTransactionsParamsType } from "../../api/admin/iap/transactions/validators"
import type {
  IapAccountState,
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

export type { IapRateDTO, IapRateVersionDTO, IapUsageDTO } from "../../types"
export type { AdminIapRateVersionListResponse, AdminIapRateVersionResponse } from "../../types/http/rates"
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

/** Request bodies and queries: the server's own validators (type-only imports, erased at build). */
export type {
  AdminAdjustIapCreditsType,
  AdminCreateIapAccountType,
  AdminGetIapAccountsParamsType,
  AdminGrantIapCreditsType,
  AdminUpdateIapAccountType,
  AdminVoidIapLotType,
} from "../../api/admin/iap/accounts/validators"
export type { AdminCreateIapServiceType, AdminUpdateIapServiceType } from "../../api/admin/iap/services/validators"
export type {
  AdminCreateCreditPackProductType,
  AdminCreateCreditPackType,
  AdminListCreditPacksType,
  AdminUpdateCreditPackType,
} from "../../api/admin/iap/packs/validators"

export type * from "../../types/http/admin"

/** The list query as the hooks send it (arrays for the list filters). */
export type AccountListQuery = Partial<
  Pick<AdminGetIapAccountsParamsType, "q" | "order" | "service_id" | "customer_id" | "sales_channel_id">
> & { limit?: number; offset?: number; state?: IapAccountState[] }
/** The ledger query as the hooks send it; dates go as ISO strings in the query string. */
export type TransactionListQuery = Partial<Pick<AdminGetIapTransactionsParamsType, "account_id" | "type">> & {
  limit?: number
  offset?: number
  created_at?: { $gte?: string; $lte?: string }
}

export type { IapAutoRechargeDTO, IapRechargeDTO } from "../../types/auto-recharge"
export type { IapAutoRechargeResponse, IapSavedPaymentMethodDTO, IapSavedPaymentMethodsResponse } from "../../types/http/auto-recharge"
