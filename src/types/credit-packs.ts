/**
 * Credit packs sold through checkout (docs/rules.md, rule 8): DTOs, inputs and workflow results.
 */
import type { Amount, IapLotCategory, IapLotStatus } from "./index"

export type IapCreditPackDTO = {
  id: string
  service_id: string
  credits: number
  /** Lifetime of the bought credits, in days from the grant; null = never expire. */
  expires_after_days: number | null
  category: IapLotCategory
  metadata: Record<string, unknown> | null
  created_at: string | Date
  updated_at: string | Date
}

export type CreateIapCreditPackInput = {
  service_id: string
  /** The product variant sold as this pack. */
  variant_id: string
  credits: Amount
  expires_after_days?: number | null
  category?: IapLotCategory
  metadata?: Record<string, unknown> | null
}

export type UpdateIapCreditPackInput = {
  id: string
  credits?: Amount
  expires_after_days?: number | null
  category?: IapLotCategory
  metadata?: Record<string, unknown> | null
}

export type CreditPackProductPackInput = {
  credits: Amount
  /** Variant title; defaults to "<credits> <unit name>", e.g. "500 SMS". */
  title?: string
  sku?: string | null
  expires_after_days?: number | null
  category?: IapLotCategory
  /** Major units per currency, e.g. `{ currency_code: "eur", amount: 9.9 }`. */
  prices: { currency_code: string; amount: number }[]
  metadata?: Record<string, unknown> | null
}

export type CreateCreditPackProductInput = {
  service_id: string
  title: string
  handle?: string
  description?: string | null
  thumbnail?: string | null
  status?: "draft" | "published"
  sales_channel_ids?: string[]
  packs: CreditPackProductPackInput[]
}

/** One pack line of an order and where its credits go. */
export type PurchasedLotOutcome = {
  line_item_id: string
  lot_id: string
  account_id: string
  status: IapLotStatus
  credits: number
}

export type VoidedPurchaseOutcome = {
  line_item_id: string
  lot_id: string
  /** The lot's status before the cancellation. */
  was: IapLotStatus
  voided: number
  /** Credits already used (or held) that could not be voided. */
  shortfall: number
  /** Set when the lot was already closed by something else (an admin void, expiry). */
  skipped?: string
}
