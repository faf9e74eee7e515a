import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { PackListResponse } from "../lib/types"

/**
 * Credit packs, optionally of some services or product variants (service and variant joined).
 *
 * @example
 * const { packs } = useIapPacks({ variant_id: [variant.id] })
 */
export function useIapPacks(
  query: { service_id?: string[]; variant_id?: string[]; limit?: number; offset?: number } = {},
  options: { enabled?: boolean } = {}
) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.packs.list(query),
    queryFn: () => sdk.client.fetch<PackListResponse>("/admin/iap/packs", { query }),
    enabled: options.enabled ?? true,
  })
  return { ...rest, packs: data?.packs, count: data?.count }
}
