import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { backendUrl, sdk } from "../lib/sdk"
import type { TransactionListQuery } from "../lib/types"
import type { AdminIapTransactionListResponse } from "../../types/http"

/**
 * A page of the ledger, newest first.
 *
 * @example
 * const { transactions, count } = useIapTransactions({ account_id: [id], limit: 20 })
 */
export function useIapTransactions(query: TransactionListQuery) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.transactions.list(query),
    queryFn: () => sdk.client.fetch<AdminIapTransactionListResponse>("/admin/iap/transactions", { query }),
    placeholderData: (previous) => previous,
  })
  return { ...rest, transactions: data?.transactions, count: data?.count }
}

/**
 * The CSV export's URL for the same filters (a plain link: the browser sends the session
 * cookie and saves the file the server names).
 *
 * @example
 * transactionsCsvUrl({ account_id: ["iapacc_1"], type: ["debit"] })
 */
export function transactionsCsvUrl(query: Omit<TransactionListQuery, "limit" | "offset">): string {
  const params = new URLSearchParams()
  for (const id of query.account_id ?? []) params.append("account_id", id)
  for (const type of query.type ?? []) params.append("type", type)
  if (query.created_at?.$gte) params.append("created_at[$gte]", query.created_at.$gte)
  if (query.created_at?.$lte) params.append("created_at[$lte]", query.created_at.$lte)
  const qs = params.toString()
  return `${backendUrl()}/admin/iap/transactions/export${qs ? `?${qs}` : ""}`
}
