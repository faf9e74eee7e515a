/**
 * Storefront building blocks for a customer's credits (import from
 * `medusa-plugin-iap/storefront`, or one component from
 * `medusa-plugin-iap/storefront/components/<name>`). Components are client components; the
 * client and the types are safe in server components.
 */
export * from "./client"
export * from "./hooks"
export * from "./format"
export * from "./components/credit-balances"
export * from "./components/buy-credits"
export * from "./components/credit-history"
export * from "./components/usage-chart"
export * from "./components/low-balance-alert"
export * from "./components/account-token"
export * from "./components/insufficient-credits-dialog"
export * from "./components/auto-recharge-settings"
export type * from "../types/http/store"
export type * from "../types/http/auto-recharge"
export type { IapAutoRechargeDTO, IapRechargeDTO, IapRechargeStatus, AutoRechargeInput } from "../types/auto-recharge"
