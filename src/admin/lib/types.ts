/**
 * Types only the dashboard has: the list queries as its hooks send them. Responses come from
 * `src/types/http`, request bodies from the routes' validators, DTOs from `src/types` (all
 * type-only imports, erased at build, so nothing from the backend lands in the admin bundle).
 */
import type { AdminGetIapAccountsParamsType } from "../../api/admin/iap/accounts/validators"
import type { AdminGetIapTransactionsParamsType } from "../../api/admin/iap/transactions/validators"
import type { IapAccountState } from "../../types"

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
