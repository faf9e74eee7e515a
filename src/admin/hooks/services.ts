import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { AdminCreateIapServiceType, AdminUpdateIapServiceType } from "../../api/admin/iap/services/validators"
import type { AdminIapServiceKeyResponse, AdminIapServiceListResponse } from "../../types/http"

/**
 * IAP services, technical name order.
 *
 * @example
 * const { services, isLoading } = useIapServices({ limit: 100 })
 */
export function useIapServices(query: { limit?: number; offset?: number; status?: string } = {}) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.services.list(query),
    queryFn: () => sdk.client.fetch<AdminIapServiceListResponse>("/admin/iap/services", { query }),
  })
  return { ...rest, services: data?.services, count: data?.count }
}

function useInvalidateServices() {
  const client = useQueryClient()
  return () => Promise.all([
    client.invalidateQueries({ queryKey: iapQueryKeys.services.all }),
    client.invalidateQueries({ queryKey: iapQueryKeys.packs.all }),
    client.invalidateQueries({ queryKey: iapQueryKeys.accounts.all }),
  ])
}

/** Creates a service; a third-party one comes back with its `key`, shown this once. */
export function useCreateIapService() {
  const invalidate = useInvalidateServices()
  return useMutation({
    mutationFn: (body: AdminCreateIapServiceType) =>
      sdk.client.fetch<AdminIapServiceKeyResponse>("/admin/iap/services", { method: "POST", body }),
    onSuccess: invalidate,
  })
}

export function useUpdateIapService(id: string) {
  const invalidate = useInvalidateServices()
  return useMutation({
    mutationFn: (body: AdminUpdateIapServiceType) =>
      sdk.client.fetch<AdminIapServiceKeyResponse>(`/admin/iap/services/${id}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * Archives (DELETE: the API never deletes a service, its accounts and ledger stay) or
 * reactivates a service.
 */
export function useSetIapServiceStatus() {
  const invalidate = useInvalidateServices()
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: "active" | "archived" }) =>
      status === "archived"
        ? sdk.client.fetch<AdminIapServiceKeyResponse>(`/admin/iap/services/${id}`, { method: "DELETE" })
        : sdk.client.fetch<AdminIapServiceKeyResponse>(`/admin/iap/services/${id}`, { method: "POST", body: { status } }),
    onSuccess: invalidate,
  })
}

/** A new key for a third-party service; the old one stops working at once. */
export function useRotateIapServiceKey() {
  const invalidate = useInvalidateServices()
  return useMutation({
    mutationFn: (id: string) =>
      sdk.client.fetch<AdminIapServiceKeyResponse>(`/admin/iap/services/${id}/rotate-key`, { method: "POST" }),
    onSuccess: invalidate,
  })
}
