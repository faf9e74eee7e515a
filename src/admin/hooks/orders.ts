import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { AdminIapOrderCreditsResponse } from "../../types/http"

/**
 * The credit lots an order's packs created, with their status (pending until payment, ...).
 *
 * @example
 * const { lots } = useOrderIapCredits(order.id)
 */
export function useOrderIapCredits(orderId: string) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.orderCredits.detail(orderId),
    queryFn: () => sdk.client.fetch<AdminIapOrderCreditsResponse>(`/admin/iap/orders/${orderId}/credits`),
  })
  return { ...rest, lots: data?.lots }
}
