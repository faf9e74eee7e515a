import type { IapOrderCreditLotDTO, IapOrderLotClawbackDTO } from "../index"

/** One refund or return's clawback from an order line's lot, as the admin order page shows it. */
export type AdminOrderLotClawback = IapOrderLotClawbackDTO

/** A lot an order's pack line bought, with what refunds and returns took back from it. */
export type AdminOrderCreditLot = IapOrderCreditLotDTO

/** GET /admin/iap/orders/:id/credits */
export type AdminOrderCreditsResponse = { order_id: string; lots: AdminOrderCreditLot[] }
