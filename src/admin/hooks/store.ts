import { useQuery } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"

/**
 * The store's currencies (default first), for price inputs.
 *
 * @example
 * const { currencies } = useStoreCurrencies() // ["eur", "usd"]
 */
export function useStoreCurrencies() {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.store.detail("currencies"),
    queryFn: () => sdk.admin.store.list({ fields: "id,supported_currencies.*" }),
    staleTime: 60_000,
  })
  const supported = data?.stores?.[0]?.supported_currencies ?? []
  const currencies = [...supported].sort((a, b) => Number(b.is_default) - Number(a.is_default)).map((c) => c.currency_code)
  return { ...rest, currencies: data ? currencies : undefined }
}
