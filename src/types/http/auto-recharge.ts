import type { IapAutoRechargeDTO, IapRechargeDTO } from "../auto-recharge"

/** Responses of `/{store,admin}/iap/accounts/:id/auto-recharge` and `/store/iap/payment-methods`. */
export type IapAutoRechargeResponse = { auto_recharge: IapAutoRechargeDTO | null; recharges: IapRechargeDTO[] }
export type IapAutoRechargeDeleteResponse = { id: string; object: "iap_auto_recharge"; deleted: boolean }
export type IapSavedPaymentMethodDTO = { id: string; provider_id: string; account_holder_id: string; data: Record<string, unknown> }
export type IapSavedPaymentMethodsResponse = { payment_methods: IapSavedPaymentMethodDTO[] }
