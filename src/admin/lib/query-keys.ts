/**
 * Query keys of the plugin's admin data, one factory per resource, in the shape the dashboard
 * uses (`all` → `lists` → `list(query)`, `details` → `detail(id)`), so a mutation can invalidate
 * exactly the lists or the one record it changed.
 *
 * @example
 * queryClient.invalidateQueries({ queryKey: iapQueryKeys.accounts.detail(id) })
 */
export function queryKeysFactory<const T extends string>(resource: T) {
  const all = ["iap", resource] as const
  return {
    all,
    lists: () => [...all, "list"] as const,
    list: (query?: Record<string, unknown>) => [...all, "list", query ?? {}] as const,
    details: () => [...all, "detail"] as const,
    detail: (id: string, query?: Record<string, unknown>) => [...all, "detail", id, query ?? {}] as const,
  }
}

export const iapQueryKeys = {
  services: queryKeysFactory("services"),
  packs: queryKeysFactory("packs"),
  accounts: queryKeysFactory("accounts"),
  transactions: queryKeysFactory("transactions"),
  consumption: queryKeysFactory("consumption"),
  orderCredits: queryKeysFactory("order_credits"),
  autoRecharge: queryKeysFactory("auto_recharge"),
  paymentMethods: queryKeysFactory("payment_methods"),
  regions: queryKeysFactory("regions"),
  salesChannels: queryKeysFactory("sales_channels"),
  customers: queryKeysFactory("customers"),
  store: queryKeysFactory("store"),
  rateVersions: queryKeysFactory("rate_versions"),
}
