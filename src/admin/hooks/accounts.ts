import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type {
  AccountListQuery,
  AccountListResponse,
  AccountResponse,
  AccountUpdate,
  AdjustInput,
  GrantInput,
  MutationResponse,
} from "../lib/types"

/**
 * A page of IAP accounts with balances, holder and restriction (channel names included).
 *
 * @example
 * const { accounts, count } = useIapAccounts({ customer_id: [customer.id], limit: 50 })
 */
export function useIapAccounts(query: AccountListQuery, options: { enabled?: boolean } = {}) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.accounts.list(query),
    queryFn: () => sdk.client.fetch<AccountListResponse>("/admin/iap/accounts", { query }),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  })
  return { ...rest, accounts: data?.accounts, count: data?.count }
}

/** One account with its lots and open holds. */
export function useIapAccount(id: string) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.accounts.detail(id),
    queryFn: () => sdk.client.fetch<AccountResponse>(`/admin/iap/accounts/${id}`),
  })
  return { ...rest, account: data?.account }
}

/** After any change to an account: its page, every account list, its ledger and chart. */
function useInvalidateAccount(id: string) {
  const client = useQueryClient()
  return (data?: MutationResponse | AccountResponse) => {
    if (data?.account) client.setQueryData(iapQueryKeys.accounts.detail(id), { account: data.account })
    return Promise.all([
      client.invalidateQueries({ queryKey: iapQueryKeys.accounts.all }),
      client.invalidateQueries({ queryKey: iapQueryKeys.transactions.all }),
      client.invalidateQueries({ queryKey: iapQueryKeys.consumption.all }),
      client.invalidateQueries({ queryKey: iapQueryKeys.orderCredits.all }),
    ])
  }
}

/** Restriction, state, overdraft limit, threshold and recipients. */
export function useUpdateIapAccount(id: string) {
  const invalidate = useInvalidateAccount(id)
  return useMutation({
    mutationFn: (body: AccountUpdate) =>
      sdk.client.fetch<AccountResponse>(`/admin/iap/accounts/${id}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** A new lot with a note; the idempotency key makes a double submit grant once. */
export function useGrantIapCredits(id: string) {
  const invalidate = useInvalidateAccount(id)
  return useMutation({
    mutationFn: (body: GrantInput) =>
      sdk.client.fetch<MutationResponse>(`/admin/iap/accounts/${id}/grant`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** A signed correction with a note. */
export function useAdjustIapCredits(id: string) {
  const invalidate = useInvalidateAccount(id)
  return useMutation({
    mutationFn: (body: AdjustInput) =>
      sdk.client.fetch<MutationResponse>(`/admin/iap/accounts/${id}/adjust`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** Voids what remains of a lot. */
export function useVoidIapLot(accountId: string) {
  const invalidate = useInvalidateAccount(accountId)
  return useMutation({
    mutationFn: (input: { lot_id: string; note?: string; idempotency_key?: string }) =>
      sdk.client.fetch<MutationResponse & { voided?: number; shortfall?: number }>(
        `/admin/iap/accounts/${accountId}/lots/${input.lot_id}/void`,
        { method: "POST", body: { note: input.note, idempotency_key: input.idempotency_key } }
      ),
    onSuccess: invalidate,
  })
}
