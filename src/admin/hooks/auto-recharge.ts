import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { UpsertAutoRechargeType } from "../lib/auto-recharge-form"
import type { IapAutoRechargeDTO } from "../../types"
import type { IapAutoRechargeResponse, IapSavedPaymentMethodsResponse } from "../../types/http"

/**
 * An account's auto-recharge settings (null when never set) and its recent attempts.
 *
 * @example
 * const { autoRecharge, recharges } = useIapAutoRecharge(account.id)
 */
export function useIapAutoRecharge(accountId: string) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.autoRecharge.detail(accountId),
    queryFn: () => sdk.client.fetch<IapAutoRechargeResponse>(`/admin/iap/accounts/${accountId}/auto-recharge`),
  })
  return { ...rest, autoRecharge: data?.auto_recharge ?? null, recharges: data?.recharges }
}

/** Switches auto-recharge on or off, keeping the rest of the settings (validated again by the API). */
export function useToggleIapAutoRecharge(accountId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (s: IapAutoRechargeDTO & { enabled: boolean }) =>
      sdk.client.fetch<IapAutoRechargeResponse>(`/admin/iap/accounts/${accountId}/auto-recharge`, {
        method: "POST",
        body: {
          enabled: s.enabled, variant_id: s.variant_id, quantity: s.quantity, trigger: s.trigger, monthly_count_cap: s.monthly_count_cap,
          monthly_amount_cap: s.monthly_amount_cap, region_id: s.region_id, provider_id: s.provider_id, payment_method_id: s.payment_method_id,
        },
      }),
    onSuccess: (data) => client.setQueryData(iapQueryKeys.autoRecharge.detail(accountId), data),
  })
}

/** Removes the settings (auto-recharge off; attempts stay for the record). */
export function useDeleteIapAutoRecharge(accountId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () => sdk.client.fetch(`/admin/iap/accounts/${accountId}/auto-recharge`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: iapQueryKeys.autoRecharge.detail(accountId) }),
  })
}

/**
 * Creates or replaces the settings (the API validates pack, method, region and caps, and its
 * message names the field it refused).
 *
 * @example
 * await save.mutateAsync(autoRechargeBody(values, methods))
 */
export function useSaveIapAutoRecharge(accountId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: UpsertAutoRechargeType) =>
      sdk.client.fetch<IapAutoRechargeResponse>(`/admin/iap/accounts/${accountId}/auto-recharge`, { method: "POST", body }),
    onSuccess: (data) => client.setQueryData(iapQueryKeys.autoRecharge.detail(accountId), data),
  })
}

/**
 * The saved payment methods of the account's customer, at every provider (only asked while the
 * drawer that picks one is open: each provider is called).
 *
 * @example
 * const { paymentMethods } = useIapAccountPaymentMethods(account.id, { enabled: open })
 */
export function useIapAccountPaymentMethods(accountId: string, options: { enabled?: boolean } = {}) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.paymentMethods.detail(accountId),
    queryFn: () => sdk.client.fetch<IapSavedPaymentMethodsResponse>(`/admin/iap/accounts/${accountId}/payment-methods`),
    enabled: options.enabled ?? true,
  })
  return { ...rest, paymentMethods: data?.payment_methods }
}

/**
 * The store's regions with their currency and payment providers (the region prices a recharge).
 *
 * @example
 * const { regions } = useRegions({ enabled: open })
 */
export function useRegions(options: { enabled?: boolean } = {}) {
  const query = { limit: 100, fields: "id,name,currency_code,payment_providers.id" }
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.regions.list(query),
    queryFn: () => sdk.admin.region.list(query),
    staleTime: 60_000,
    enabled: options.enabled ?? true,
  })
  return { ...rest, regions: data?.regions }
}
