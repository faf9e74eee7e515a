import type { IapClawbackDTO, IapCreditLotDTO } from "../index"

/** One refund or return's clawback from an order line's lot, as the admin order page shows it. */
export type AdminOrderLotClawback = Pick<
  IapClawbackDTO,
  "id" | "reference_type" | "reference_id" | "policy" | "requested" | "clawed" | "debt" | "shortfall" | "voided_pending" | "created_at"
> & { transaction_id: string }

/** A lot an order's pack line bought, with what refunds and returns took back from it. */
export type AdminOrderCreditLot = IapCreditLotDTO & {
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
  clawbacks: AdminOrderLotClawback[]
}

/** GET /admin/iap/orders/:id/credits */
export type AdminOrderCreditsResponse = { order_id: string; lots: AdminOrderCreditLot[] }
