import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"

/**
 * Customers matching a search (email, name, company), for holder pickers.
 *
 * @example
 * const { customers } = useCustomerSearch("ada@")
 */
export function useCustomerSearch(q: string, options: { enabled?: boolean } = {}) {
  const query = { q: q.trim() || undefined, limit: 20, fields: "id,email,first_name,last_name,company_name", order: "email" }
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.customers.list(query),
    queryFn: () => sdk.admin.customer.list(query),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  })
  return { ...rest, customers: data?.customers }
}
