import type { IapTransactionType, IapUsageDTO } from "../../../types"

/** In-memory shapes of the rows a ledger operation reads and writes. Amounts are units. */

export type AccountState = "active" | "suspended" | "closed"

export type AccountRow = {
  id: string
  service_id: string
  customer_id: string | null
  sales_channel_ids: string[]
  state: AccountState
  balance: bigint
  reserved: bigint
  pending: bigint
  debt: bigint
  overdraft_limit: bigint
  warning_threshold: bigint | null
  warning_armed: boolean
  warning_emails: string[]
  service: {
    technical_name: string
    name: string
    unit_name: string
    integer_credits: boolean
    status: "active" | "archived"
    hold_ttl_seconds: number | null
    rate_revision: number
  }
}

export type LotRow = {
  id: string
  account_id: string
  source_type: "purchase" | "trial" | "grant" | "refund"
  source_id: string | null
  category: "paid" | "promotional"
  initial_amount: bigint
  remaining: bigint
  reserved: bigint
  status: "pending" | "available" | "expired" | "voided"
  expires_at: Date | null
  unit_price: bigint | null
  currency_code: string | null
  created_at: Date
}

export type HoldRow = {
  id: string
  account_id: string
  amount: bigint
  captured_amount: bigint
  status: "pending" | "captured" | "canceled" | "expired"
  expires_at: Date
  resolved_at: Date | null
  description: string | null
  idempotency_key: string
  reference_type: string | null
  reference_id: string | null
  usage: IapUsageDTO | null
  rate_id: string | null
  rate_version: number | null
  created_at: Date
}

export type AllocationRow = { id: string; hold_id: string; lot_id: string; amount: bigint }

export type TransactionType = IapTransactionType

export type TransactionRow = {
  id: string
  account_id: string
  type: TransactionType
  amount: bigint
  balance_after: bigint
  hold_id: string | null
  reference_type: string | null
  reference_id: string | null
  idempotency_key: string | null
  request_hash: string | null
  description: string | null
  actor_type: string | null
  actor_id: string | null
  usage: IapUsageDTO | null
  rate_id: string | null
  rate_version: number | null
  created_at: Date
}

export type MovementRow = { id: string; transaction_id: string; lot_id: string; amount: bigint }
