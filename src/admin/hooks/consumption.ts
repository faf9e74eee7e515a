import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { AdminIapConsumptionResponse } from "../../types/http"

/**
 * Credits consumed per UTC day (zeros included); the API defaults to the last 30 days.
 *
 * @example
 * const { consumption } = useIapConsumption({ account_id: [account.id] })
 */
export function useIapConsumption(query: { account_id?: string[]; customer_id?: string[]; from?: string; to?: string }) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.consumption.list(query),
    queryFn: () => sdk.client.fetch<AdminIapConsumptionResponse>("/admin/iap/consumption", { query }),
  })
  return { ...rest, consumption: data?.consumption }
}
