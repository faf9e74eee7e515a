import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { backendUrl, sdk } from "../lib/sdk"
import type { AdminIapRateVersionListResponse, AdminIapRateVersionResponse } from "../../types/http"

/**
 * A service's rate card versions, newest first.
 *
 * @example
 * const { versions, isLoading } = useIapRateVersions(serviceId)
 */
export function useIapRateVersions(serviceId: string | null) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.rateVersions.list({ service_id: serviceId }),
    queryFn: () => sdk.client.fetch<AdminIapRateVersionListResponse>(`/admin/iap/services/${serviceId}/rate-versions`),
    enabled: !!serviceId,
  })
  return { ...rest, versions: data?.rate_versions }
}

/** One version with its rates. */
export function useIapRateVersion(serviceId: string | null, versionId: string | null) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.rateVersions.detail(versionId ?? ""),
    queryFn: () => sdk.client.fetch<AdminIapRateVersionResponse>(`/admin/iap/services/${serviceId}/rate-versions/${versionId}`),
    enabled: !!serviceId && !!versionId,
  })
  return { ...rest, version: data?.rate_version }
}

/** The CSV of a version (a plain link: the browser sends the session cookie). */
export function rateVersionCsvUrl(serviceId: string, versionId: string): string {
  return `${backendUrl()}/admin/iap/services/${serviceId}/rate-versions/${versionId}/export`
}

/** A version's CSV text, to start a new version from it. */
export async function fetchRateVersionCsv(serviceId: string, versionId: string): Promise<string> {
  const res = await fetch(rateVersionCsvUrl(serviceId, versionId), { credentials: "include" })
  if (!res.ok) throw new Error(`Could not read the CSV (${res.status})`)
  return res.text()
}

function useInvalidateRates() {
  const client = useQueryClient()
  return () => client.invalidateQueries({ queryKey: iapQueryKeys.rateVersions.all })
}

/** A new version from CSV text, in effect from `valid_from` (now when empty). */
export function useImportIapRates(serviceId: string) {
  const invalidate = useInvalidateRates()
  return useMutation({
    mutationFn: (body: { csv: string; valid_from?: string; note?: string }) =>
      sdk.client.fetch<AdminIapRateVersionResponse>(`/admin/iap/services/${serviceId}/import-rates`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** Deletes a version that is not in effect yet. */
export function useDeleteIapRateVersion(serviceId: string) {
  const invalidate = useInvalidateRates()
  return useMutation({
    mutationFn: (versionId: string) =>
      sdk.client.fetch(`/admin/iap/services/${serviceId}/rate-versions/${versionId}`, { method: "DELETE" }),
    onSuccess: invalidate,
  })
}
