import type { IapTransactionListFilters } from "../../../../types/portal"

type Params = {
  account_id?: string[]
  service_id?: string[]
  customer_id?: string[]
  type?: IapTransactionListFilters["type"]
  created_at?: { $gte?: string; $lte?: string }
  reference_type?: string
  reference_id?: string
}

/**
 * Validated query parameters → the module's ledger filters.
 *
 * @example
 * toTransactionFilters({ type: ["debit"], created_at: { $gte: "2030-01-01T00:00:00.000Z" } })
 */
export function toTransactionFilters(p: Params): IapTransactionListFilters {
  return {
    account_id: p.account_id,
    service_id: p.service_id,
    customer_id: p.customer_id,
    type: p.type,
    created_at_gte: p.created_at?.$gte,
    created_at_lte: p.created_at?.$lte,
    reference_type: p.reference_type,
    reference_id: p.reference_id,
  }
}
