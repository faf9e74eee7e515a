import type {
  IapAccountDTO,
  IapAccountState,
  IapCreditLotDTO,
  IapHoldDTO,
  IapTransactionDTO,
  IapTransactionType,
} from "./index"

/**
 * Types of the IAP portal: the admin and store read models (account lists and pages, ledger
 * lists, CSV export rows, consumption series) and their HTTP responses.
 */

export type IapPage<T> = { data: T[]; count: number; limit: number; offset: number }

export type IapCustomerSummary = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  company_name: string | null
}

/** A sales channel of a restriction; `name` is null when the channel no longer exists. */
export type IapSalesChannelSummary = { id: string; name: string | null }

/** An account as the admin and store APIs list it: the module's account plus its service and holder. */
export type IapPortalAccountDTO = IapAccountDTO & {
  service_name: string
  unit_name: string
  integer_credits: boolean
  customer: IapCustomerSummary | null
  sales_channels: IapSalesChannelSummary[]
}

export type IapPortalAccountDetailDTO = IapPortalAccountDTO & {
  /** Every lot, newest first. */
  lots: IapCreditLotDTO[]
  /** Pending holds, soonest expiry first. */
  holds: IapHoldDTO[]
}

/** A store account: what the signed-in customer sees, with the link to buy more credits. */
export type IapStoreAccountDTO = Omit<IapPortalAccountDTO, "metadata" | "customer"> & { credits_url: string }

export type IapPortalTransactionDTO = IapTransactionDTO & {
  /** Strict write order of the ledger. */
  seq: number
  /** The service's technical name. */
  service: string
  customer_id: string | null
  /** The order a row belongs to: its purchase, or the refund or return of it that clawed credits back. */
  order_id: string | null
}

/** A CSV row: amounts as exact decimal text. */
export type IapExportTransactionRow = Omit<IapPortalTransactionDTO, "amount" | "balance_after"> & {
  amount: string
  balance_after: string
}

export type IapAccountListFilters = {
  id?: string[]
  service_id?: string[]
  /** Technical names. */
  service?: string[]
  customer_id?: string[]
  /** Accounts restricted to one of these sales channels. */
  sales_channel_id?: string[]
  /** Accounts usable in one of these channels: unrestricted, or restricted to one of them. */
  usable_in_sales_channel_ids?: string[]
  state?: IapAccountState[]
  /** Decimal text, inclusive. */
  balance_min?: string
  balance_max?: string
  /** Text searched in the customer's email. */
  q?: string
}

export type IapTransactionListFilters = {
  account_id?: string[]
  service_id?: string[]
  customer_id?: string[]
  usable_in_sales_channel_ids?: string[]
  type?: IapTransactionType[]
  created_at_gte?: string
  created_at_lte?: string
  reference_type?: string
  reference_id?: string
  hold_id?: string
}

export type IapConsumptionFilters = {
  /** UTC days, `YYYY-MM-DD`, both inclusive. */
  from: string
  to: string
  account_id?: string[]
  service_id?: string[]
  service?: string[]
  customer_id?: string[]
  usable_in_sales_channel_ids?: string[]
}

export type IapConsumptionSeries = {
  from: string
  to: string
  /** Services that consumed credits in the range (technical names, sorted). */
  services: string[]
  /** One point per day per service, zeros included. */
  series: { date: string; service: string; credits: number }[]
  totals: { service: string; credits: number }[]
}
