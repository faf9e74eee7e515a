import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { AdminCreateCreditPackProductType, AdminCreateCreditPackType, AdminUpdateCreditPackType } from "../../api/admin/iap/packs/validators"
import type { AdminIapCreditPackListResponse, AdminIapCreditPackProductResponse, AdminIapCreditPackResponse } from "../../types/http"

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
    queryFn: () => sdk.client.fetch<AdminIapCreditPackListResponse>("/admin/iap/packs", { query }),
    enabled: options.enabled ?? true,
  })
  return { ...rest, packs: data?.packs, count: data?.count }
}

/** Packs change what product pages show: every pack list, and the products' own data. */
function useInvalidatePacks() {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: iapQueryKeys.packs.all }),
      client.invalidateQueries({ queryKey: ["products"] }),
    ])
}

/**
 * Sells existing variants as packs, one request per variant (in order; the first failure
 * stops and is thrown, the packs made before it stay and show in the lists).
 *
 * @example
 * await createPacks.mutateAsync([{ service_id, variant_id, credits: 100 }])
 */
export function useCreateIapPacks() {
  const invalidate = useInvalidatePacks()
  return useMutation({
    mutationFn: async (packs: AdminCreateCreditPackType[]) => {
      const made: AdminIapCreditPackResponse["pack"][] = []
      for (const body of packs) {
        made.push((await sdk.client.fetch<AdminIapCreditPackResponse>("/admin/iap/packs", { method: "POST", body })).pack)
      }
      return made
    },
    // Also after a failure: the packs made before it exist.
    onSettled: invalidate,
  })
}

/** Credits, expiry or category of a pack (later purchases only). */
export function useUpdateIapPack(id: string) {
  const invalidate = useInvalidatePacks()
  return useMutation({
    mutationFn: (body: AdminUpdateCreditPackType) =>
      sdk.client.fetch<AdminIapCreditPackResponse>(`/admin/iap/packs/${id}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** Stops selling a variant as a pack; the variant stays. */
export function useDeleteIapPack() {
  const invalidate = useInvalidatePacks()
  return useMutation({
    mutationFn: (id: string) => sdk.client.fetch<unknown>(`/admin/iap/packs/${id}`, { method: "DELETE" }),
    onSuccess: invalidate,
  })
}

/** One call: a product with a variant per pack, priced, in the given sales channels. */
export function useCreateIapPackProduct() {
  const invalidate = useInvalidatePacks()
  return useMutation({
    mutationFn: (body: AdminCreateCreditPackProductType) =>
      sdk.client.fetch<AdminIapCreditPackProductResponse>("/admin/iap/packs/products", { method: "POST", body }),
    onSuccess: invalidate,
  })
}
