import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { clawbackLines, clawbackSources } from "../utils/order-clawback-history"
import type { ClawbackPlanLine, ClawbackSource } from "../utils/refund-clawbacks"
import { iapModule } from "../../common/steps/utils"

export const collectOrderClawbacksStepId = "iap-collect-order-clawbacks"

export type CollectedOrderClawbacks = {
  order_id: string | null
  /** The order's credit-pack lines in order (the last one is taken back first). */
  lines: ClawbackPlanLine[]
  /** Captures, refunds and received returns of the order, with their times. */
  sources: ClawbackSource[]
  /** The lot each pack line bought (lines without a lot have nothing to take back). */
  lots: { line_item_id: string; lot_id: string; account_id: string }[]
}

// The order-level "total" makes the Order Module compute item totals too (else "items.total" is empty).
const ORDER_FIELDS = [
  "id", "total", "items.id", "items.created_at", "items.variant_id", "items.total", "items.quantity", "items.detail.quantity",
  "payment_collections.payments.captures.id", "payment_collections.payments.captures.amount",
  "payment_collections.payments.captures.created_at", "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount", "payment_collections.payments.refunds.created_at",
]
const PACK_FIELDS = ["id", "iap_credit_pack.credits", "iap_credit_pack.raw_credits", "iap_credit_pack.service_id"]
const RETURN_FIELDS = ["id", "created_at", "received_at", "updated_at", "items.item_id", "items.received_quantity"]

/**
 * Reads what decides an order's clawbacks: its pack lines (credits, quantity, total), every
 * capture and refund of its payments, the items of its received returns, and the lots its
 * lines bought. An unknown order yields nothing to do.
 *
 * @example
 * const collected = collectOrderClawbacksStep({ order_id: "order_1" })
 */
export const collectOrderClawbacksStep = createStep(
  collectOrderClawbacksStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const none: CollectedOrderClawbacks = { order_id: null, lines: [], sources: [], lots: [] }
    const { data: [order] } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.order_id } })
    if (!order) return new StepResponse(none)
    const items = ((order.items ?? []).filter(Boolean) as any[])
    const variantIds = [...new Set(items.map((i) => i.variant_id).filter(Boolean))]
    const { data: variants } = variantIds.length
      ? await query.graph({ entity: "product_variant", fields: PACK_FIELDS, filters: { id: variantIds } })
      : { data: [] as any[] }
    const packOf = new Map(variants.filter((v: any) => v.iap_credit_pack).map((v: any) => [v.id, v.iap_credit_pack]))
    const serviceIds = [...new Set([...packOf.values()].map((p: any) => p.service_id))]
    if (!items.some((i) => packOf.has(i.variant_id))) return new StepResponse({ ...none, order_id: order.id })

    const iap = iapModule(container)
    const services = await iap.listIapServices({ id: serviceIds }, { select: ["id", "integer_credits"] })
    const lines = clawbackLines(items, packOf, new Map(services.map((s) => [s.id, s.integer_credits])))
    const { data: returns } = await query.graph({ entity: "return", fields: RETURN_FIELDS, filters: { order_id: order.id } })
    const sources = clawbackSources(order.payment_collections as any[], returns as any[])
    const lots = await iap.listIapCreditLots({ source_type: "purchase", source_id: lines.map((l) => l.line_item_id) }, { select: ["id", "source_id", "account_id"] })
    return new StepResponse<CollectedOrderClawbacks>({
      order_id: order.id,
      lines,
      sources,
      lots: lots.map((l: any) => ({ line_item_id: l.source_id, lot_id: l.id, account_id: l.account_id })),
    })
  }
)
