import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"

/**
 * The store's sales channels (for restriction pickers and filters), name order.
 *
 * @example
 * const { salesChannels } = useSalesChannels()
 */
export function useSalesChannels() {
  const query = { limit: 100, fields: "id,name,is_disabled", order: "name" }
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.salesChannels.list(query),
    queryFn: () => sdk.admin.salesChannel.list(query),
    staleTime: 60_000,
  })
  return { ...rest, salesChannels: data?.sales_channels }
}
