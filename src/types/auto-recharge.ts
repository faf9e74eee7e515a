/** Auto-recharge: settings per account and the attempts (docs/auto-recharge.md). */

export type IapRechargeStatus = "pending" | "processing" | "succeeded" | "failed" | "requires_action" | "capped" | "canceled"

export type IapAutoRechargeDTO = {
  id: string
  account_id: string
  enabled: boolean
  pack_id: string
  variant_id: string
  quantity: number
  /** Recharge when available credits drop below this. */
  trigger: number
  monthly_count_cap: number | null
  /** Money per calendar month (UTC), in `currency_code`. */
  monthly_amount_cap: number | null
  region_id: string
  currency_code: string
  sales_channel_id: string | null
  provider_id: string
  account_holder_id: string
  payment_method_id: string
  /** False after a recharge started, until available credits are back at the trigger. */
  armed: boolean
  /** Set when auto-recharge switched itself off (`declined`). */
  disabled_reason: string | null
  created_at: string
  updated_at: string
}

export type IapRechargeDTO = {
  id: string
  account_id: string
  status: IapRechargeStatus
  attempt: number
  retry_of: string | null
  pack_id: string
  variant_id: string
  quantity: number
  credits: number
  amount: number | null
  currency_code: string
  provider_id: string
  payment_method_id: string
  cart_id: string | null
  order_id: string | null
  payment_id: string | null
  error_code: string | null
  error: string | null
  next_attempt_at: string | null
  claimed_until: string | null
  completed_at: string | null
  created_at: string
  updated_at: string
}

/** Settings as the module stores them (validated against the store first, see upsertAutoRechargeWorkflow). */
export type UpsertAutoRechargeData = {
  enabled: boolean
  pack_id: string
  variant_id: string
  quantity: number
  trigger: number | string
  monthly_count_cap?: number | null
  monthly_amount_cap?: number | string | null
  region_id: string
  currency_code: string
  sales_channel_id?: string | null
  provider_id: string
  account_holder_id: string
  payment_method_id: string
}

/** What a customer or admin sends to set auto-recharge (store and admin API). */
export type AutoRechargeInput = {
  enabled?: boolean
  variant_id: string
  quantity?: number
  trigger: number | string
  monthly_count_cap?: number | null
  monthly_amount_cap?: number | string | null
  region_id: string
  payment_method_id: string
  provider_id: string
}
