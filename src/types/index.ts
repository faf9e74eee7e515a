/**
 * Public types of medusa-plugin-iap: module DTOs, operation inputs and results.
 * Amounts in DTOs are JSON numbers; inputs accept numbers or decimal strings
 * (strings keep exactness above about 5.4 × 10^11 credits).
 */

export type Amount = number | string

export type IapProviderType = "first_party" | "third_party"
export type IapServiceStatus = "active" | "archived"
export type IapAccountState = "active" | "suspended" | "closed"
export type IapLotStatus = "pending" | "available" | "expired" | "voided"
export type IapLotCategory = "paid" | "promotional"
export type IapLotSourceType = "purchase" | "trial" | "grant" | "refund"
export type IapHoldStatus = "pending" | "captured" | "canceled" | "expired"
export type IapTransactionType =
  | "grant"
  | "purchase"
  | "debit"
  | "capture"
  | "expiry"
  | "void"
  | "adjustment"
  | "reversal"
  | "clawback"

export type IapServiceDTO = {
  id: string
  technical_name: string
  name: string
  description: string | null
  unit_name: string
  integer_credits: boolean
  trial_credits: number
  default_warning_threshold: number | null
  provider_type: IapProviderType
  status: IapServiceStatus
  key_hint: string | null
  hold_ttl_seconds: number | null
  metadata: Record<string, unknown> | null
  created_at: string | Date
  updated_at: string | Date
}

/**
 * An account's credit figures, declared once here: the module's results, the admin and store
 * account shapes and the provider API's account all build on this type.
 */
export type IapAccountBalancesDTO = {
  id: string
  service_id: string
  /** The service's technical name. */
  service: string
  customer_id: string | null
  state: IapAccountState
  balance: number
  reserved: number
  /** balance − reserved + overdraft_limit, with lots past expiry already left out. */
  available: number
  pending: number
  debt: number
  overdraft_limit: number
}

export type IapAccountDTO = IapAccountBalancesDTO & {
  /** The restriction: empty = usable in every sales channel. */
  sales_channel_ids: string[]
  token_hint: string
  warning_threshold: number | null
  warning_emails: string[]
  warning_armed: boolean
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export type IapTransactionDTO = {
  id: string
  account_id: string
  type: IapTransactionType
  amount: number
  balance_after: number
  hold_id: string | null
  reference_type: string | null
  reference_id: string | null
  idempotency_key: string | null
  description: string | null
  actor_type: string | null
  actor_id: string | null
  /** A charge priced from a usage: the usage, and the rate (id and version number) that priced it. */
  usage: IapUsageDTO | null
  rate_id: string | null
  rate_version: number | null
  created_at: string
}

export type IapHoldDTO = {
  id: string
  account_id: string
  amount: number
  captured_amount: number
  status: IapHoldStatus
  expires_at: string
  resolved_at: string | null
  description: string | null
  idempotency_key: string
  reference_type: string | null
  reference_id: string | null
  usage: IapUsageDTO | null
  rate_id: string | null
  rate_version: number | null
  created_at: string
}

export type IapCreditLotDTO = {
  id: string
  account_id: string
  source_type: IapLotSourceType
  source_id: string | null
  category: IapLotCategory
  initial_amount: number
  remaining: number
  reserved: number
  status: IapLotStatus
  expires_at: string | null
  unit_price: number | null
  currency_code: string | null
  created_at: string
}

/** Who did it, recorded on ledger rows. */
export type IapActor = { actor_type?: string | null; actor_id?: string | null }

/** Every mutation of an account carries a key; a repeat with the same request replays. */
export type IapIdempotent = { idempotency_key: string }

export type IapReference = { reference_type?: string | null; reference_id?: string | null }

export type CreateIapServiceInput = {
  technical_name: string
  name: string
  description?: string | null
  unit_name?: string
  integer_credits?: boolean
  trial_credits?: Amount
  default_warning_threshold?: Amount | null
  provider_type?: IapProviderType
  hold_ttl_seconds?: number | null
  metadata?: Record<string, unknown> | null
}

export type UpdateIapServiceInput = Partial<Omit<CreateIapServiceInput, "technical_name" | "provider_type">> & {
  status?: IapServiceStatus
}

export type ResolveIapAccountInput = {
  service_id: string
  customer_id?: string | null
  sales_channel_id?: string | null
}

export type CreateIapAccountInput = {
  service_id: string
  customer_id?: string | null
  sales_channel_ids?: string[]
  overdraft_limit?: Amount
  warning_threshold?: Amount | null
  warning_emails?: string[]
  metadata?: Record<string, unknown> | null
}

export type UpdateIapAccountInput = {
  sales_channel_ids?: string[]
  state?: IapAccountState
  overdraft_limit?: Amount
  warning_threshold?: Amount | null
  warning_emails?: string[]
  metadata?: Record<string, unknown> | null
}

export type GrantCreditsInput = IapIdempotent &
  IapActor &
  IapReference & {
    account_id: string
    amount: Amount
    category?: IapLotCategory
    source_type?: IapLotSourceType
    source_id?: string | null
    /** Absolute expiry; or `expires_after_days` from now. */
    expires_at?: Date | string | null
    expires_after_days?: number | null
    unit_price?: Amount | null
    currency_code?: string | null
    description?: string | null
    /** `pending` lots (bought, awaiting payment) do not count until `releasePendingLot`. */
    status?: "pending" | "available"
  }

/**
 * What a use of a service consumed, for services priced by a rate card (docs/rules.md §15): sent instead
 * of credits, priced by the service's current rates.
 */
export type IapUsageInput = {
  /** e.g. `sms_part`, `input_tokens` */
  metric: string
  quantity: Amount
  /** e.g. `{ country: "DE" }`; a rate's `*` (or a key it does not name) matches any value. */
  dimensions?: Record<string, string>
}

export type IapUsageDTO = { metric: string; quantity: number; dimensions: Record<string, string> }

export type IapRateTierDTO = { up_to: number | null; unit_credits: number }

export type IapRateDTO = {
  id: string
  metric: string
  dimensions: Record<string, string>
  /** Credits per unit; null when the rate has tiers. */
  unit_credits: number | null
  /** Graduated by the account's quantity of the metric in the calendar month; the last `up_to` is null. */
  tiers: IapRateTierDTO[] | null
}

export type IapRateVersionStatus = "scheduled" | "current" | "past"

export type IapRateVersionDTO = {
  id: string
  service_id: string
  version: number
  valid_from: string
  note: string | null
  status: IapRateVersionStatus
  rate_count: number
  rates?: IapRateDTO[]
}

/** One tier's part of a price (decimal strings; `credits` exact, before rounding). */
export type IapPriceTierDTO = { from: string; to: string | null; quantity: string; unit_credits: string; credits: string }

/** What a usage costs: credits rounded up to the service's precision, and why. */
export type IapPriceDTO = {
  service: string
  usage: IapUsageDTO
  credits: number
  /** The exact cost before rounding up. */
  exact_credits: string
  rate: IapRateDTO & { version: number; version_id: string }
  /** The account's quantity of the metric this month before this usage (tiered rates; else 0). */
  month_quantity_before: number
  tiers: IapPriceTierDTO[] | null
}

/**
 * How a provider API call addresses its account: the hashes of its service key and account
 * token, and the service and account they were last found to name (re-checked in the call's
 * statement), with the call's sales channel.
 */
export type IapProviderAddress = { token_hash: string; service_id: string; key_hash: string; sales_channel_id: string | null }

/** Exactly one of `amount` and `usage`. */
export type DebitCreditsInput = IapIdempotent &
  IapActor &
  IapReference & {
    account_id: string
    amount?: Amount
    usage?: IapUsageInput
    description?: string | null
  }

export type AuthorizeCreditsInput = IapIdempotent &
  IapReference & {
    account_id: string
    /** Exactly one of `amount` and `usage`. */
    amount?: Amount
    usage?: IapUsageInput
    ttl_seconds?: number | null
    description?: string | null
  }

export type CaptureHoldInput = IapIdempotent &
  IapActor & {
    hold_id: string
    /** At most the authorized amount; the whole hold when omitted. */
    amount?: Amount
    /** The final usage instead of `amount`: priced with the hold's rate card version, at most the authorized amount. */
    usage?: IapUsageInput
    description?: string | null
  }

export type CancelHoldInput = IapIdempotent & { hold_id: string }

export type AdjustCreditsInput = IapIdempotent &
  IapActor & {
    account_id: string
    /** Signed: positive adds a promotional lot, negative draws down like a debit. */
    amount: Amount
    note: string
  }

export type VoidLotInput = IapIdempotent &
  IapActor & {
    lot_id: string
    note?: string | null
  }

export type ReleasePendingLotInput = IapIdempotent & IapActor & { lot_id: string }

export type IapMutationResult = {
  account: IapAccountBalancesDTO
  /** True when this is the stored result of an earlier call with the same key. */
  replayed: boolean
  /** The account's available credits crossed below its warning threshold. */
  threshold_reached: boolean
  /** Lots that expired while this operation ran. */
  expired_lot_ids: string[]
}

export type GrantCreditsResult = IapMutationResult & { lot: IapCreditLotDTO; transaction: IapTransactionDTO | null }
export type DebitCreditsResult = IapMutationResult & {
  transaction: IapTransactionDTO
  /**
   * Whether the account had auto-recharge settings on, read after the debit's writes (a replay
   * reads it afresh; never stored). False lets the trigger skip its read (the event's metadata).
   */
  auto_recharge?: boolean
}
/** Whether the account had auto-recharge settings on, as `DebitCreditsResult.auto_recharge`. */
export type AuthorizeCreditsResult = IapMutationResult & { hold: IapHoldDTO; auto_recharge?: boolean }
export type CaptureHoldResult = IapMutationResult & { hold: IapHoldDTO; transaction: IapTransactionDTO | null; auto_recharge?: boolean }
export type CancelHoldResult = IapMutationResult & { hold: IapHoldDTO }
export type AdjustCreditsResult = IapMutationResult & { transaction: IapTransactionDTO; lot: IapCreditLotDTO | null }
export type VoidLotResult = IapMutationResult & { lot: IapCreditLotDTO; transaction: IapTransactionDTO | null }
export type ReleasePendingLotResult = IapMutationResult & { lot: IapCreditLotDTO; transaction: IapTransactionDTO | null }

export type IapRefundPolicy = "clamp" | "debt"

/** Credits a refund or return takes back from the lot one order line bought. */
export type ClawbackCreditsInput = IapIdempotent &
  IapActor & {
    lot_id: string
    /** Credits to take back (at most what the lot granted minus earlier clawbacks). */
    amount?: number | string
    /**
     * Instead of `amount`: the lot's clawbacks in all should reach this many credits; takes the
     * difference, or writes nothing (`clawback: null`) when they already do.
     */
    up_to?: number | string
    /** What to do with credits already used; default: the `refundPolicy` option. */
    policy?: IapRefundPolicy
    /** What takes the credits back: `"refund"` or `"return"`, and its id. */
    reference_type: string
    reference_id: string
    order_id?: string | null
    line_item_id?: string | null
    description?: string | null
  }

export type IapClawbackDTO = {
  id: string
  account_id: string
  lot_id: string
  transaction_id: string
  order_id: string | null
  line_item_id: string | null
  reference_type: string
  reference_id: string
  idempotency_key: string
  policy: IapRefundPolicy
  /** Credits asked for (capped at what the lot granted minus earlier clawbacks). */
  requested: number
  /** Credits taken out of the lot. */
  clawed: number
  /** Used credits turned into account debt ("debt" policy). */
  debt: number
  /** Used credits not recovered ("clamp" policy). */
  shortfall: number
  /** The lot was pending (payment not captured): voided whole instead. */
  voided_pending: boolean
  created_at: string
}

export type ClawbackCreditsResult = IapMutationResult & {
  /** Null when an `up_to` was already reached (nothing written). */
  clawback: IapClawbackDTO | null
  lot: IapCreditLotDTO
  transaction: IapTransactionDTO | null
}

/** One refund or return's clawback from the lot an order line bought. */
export type IapOrderLotClawbackDTO = Pick<
  IapClawbackDTO,
  "id" | "reference_type" | "reference_id" | "policy" | "requested" | "clawed" | "debt" | "shortfall" | "voided_pending" | "created_at"
> & { transaction_id: string }

/** A lot an order's pack line bought (expired once past its expiry), with what refunds and returns took back. */
export type IapOrderCreditLotDTO = IapCreditLotDTO & {
  service: string | null
  service_name: string | null
  unit_name: string | null
  /** Credits the line granted (the lot's initial amount). */
  granted: number
  /** Credits refunds and returns took back from the balance (from the lot, plus debt). */
  clawed_back: number
  /** Of that, credits already used that became account debt ("debt" policy). */
  debt: number
  /** Credits already used that were not recovered ("clamp" policy). */
  shortfall: number
  clawbacks: IapOrderLotClawbackDTO[]
}

export type ExpireResult = { expired: string[] }

/** A service key or account token, in plain text only in the response that created it. */
export type WithSecret<T, K extends string> = T & { [key in K]: string }
export * from "./credit-packs"
export * from "./portal"
export * from "./http"
export * from "./odoo"
export * from "./auto-recharge"

