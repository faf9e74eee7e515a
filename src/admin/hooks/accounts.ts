import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"
import type { AccountListQuery } from "../lib/types"
import type { AdminAdjustIapCreditsType, AdminCreateIapAccountType, AdminGrantIapCreditsType, AdminUpdateIapAccountType, AdminVoidIapLotType } from "../../api/admin/iap/accounts/validators"
import type { AdminIapAccountListResponse, AdminIapAccountMutationResponse, AdminIapAccountResponse, AdminIapCreateAccountResponse, AdminIapVoidLotResponse } from "../../types/http"

/**
 * A page of IAP accounts with balances, holder and restriction (channel names included).
 *
 * @example
 * const { accounts, count } = useIapAccounts({ customer_id: [customer.id], limit: 50 })
 */
export function useIapAccounts(query: AccountListQuery, options: { enabled?: boolean } = {}) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.accounts.list(query),
    queryFn: () => sdk.client.fetch<AdminIapAccountListResponse>("/admin/iap/accounts", { query }),
    placeholderData: (previous) => previous,
    enabled: options.enabled ?? true,
  })
  return { ...rest, accounts: data?.accounts, count: data?.count }
}

/** One account with its lots and open holds. */
export function useIapAccount(id: string) {
  const { data, ...rest } = useQuery({
    queryKey: iapQueryKeys.accounts.detail(id),
    queryFn: () => sdk.client.fetch<AdminIapAccountResponse>(`/admin/iap/accounts/${id}`),
  })
  return { ...rest, account: data?.account }
}

/** After any change to an account: its page, every account list, its ledger and chart. */
function useInvalidateAccounts() {
  const client = useQueryClient()
  return (data?: { account?: AdminIapAccountResponse["account"] }) => {
    if (data?.account) client.setQueryData(iapQueryKeys.accounts.detail(data.account.id), { account: data.account })
    return Promise.all([
      client.invalidateQueries({ queryKey: iapQueryKeys.accounts.all }),
      client.invalidateQueries({ queryKey: iapQueryKeys.transactions.all }),
      client.invalidateQueries({ queryKey: iapQueryKeys.consumption.all }),
      client.invalidateQueries({ queryKey: iapQueryKeys.orderCredits.all }),
    ])
  }
}

/**
 * Opens an account for a customer (or the store); the answer's `token` is its only plain copy.
 *
 * @example
 * const { account, token } = await createAccount.mutateAsync({ service_id, customer_id })
 */
export function useCreateIapAccount() {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: (body: AdminCreateIapAccountType) =>
      sdk.client.fetch<AdminIapCreateAccountResponse>("/admin/iap/accounts", { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** Restriction, state, overdraft limit, threshold and recipients. */
export function useUpdateIapAccount(id: string) {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: (body: AdminUpdateIapAccountType) =>
      sdk.client.fetch<AdminIapAccountResponse>(`/admin/iap/accounts/${id}`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/**
 * A new lot with a note; the idempotency key makes a double submit grant once. The account is
 * given per call, so one hook serves a page that picks the account at submit time.
 */
export function useGrantIapCredits(accountId?: string) {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: ({ account_id = accountId, ...body }: AdminGrantIapCreditsType & { account_id?: string }) =>
      sdk.client.fetch<AdminIapAccountMutationResponse>(`/admin/iap/accounts/${account_id}/grant`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** A signed correction with a note. */
export function useAdjustIapCredits(id: string) {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: (body: AdminAdjustIapCreditsType) =>
      sdk.client.fetch<AdminIapAccountMutationResponse>(`/admin/iap/accounts/${id}/adjust`, { method: "POST", body }),
    onSuccess: invalidate,
  })
}

/** Voids what remains of a lot. */
export function useVoidIapLot(accountId: string) {
  const invalidate = useInvalidateAccounts()
  return useMutation({
    mutationFn: ({ lot_id, ...body }: AdminVoidIapLotType & { lot_id: string }) =>
      sdk.client.fetch<AdminIapVoidLotResponse>(
        `/admin/iap/accounts/${accountId}/lots/${lot_id}/void`,
        { method: "POST", body }
      ),
    onSuccess: invalidate,
  })
}
