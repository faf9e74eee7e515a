import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const collectPackFulfillmentStepId = "iap-collect-pack-fulfillment"

export type PackFulfillment = { order_id: string; items: { id: string; quantity: number }[] }

/**
 * The credit-pack lines of an order that are ready to be fulfilled: their credits are
 * available (payment captured, or `grantOn: "order_placed"`) and some of their quantity is not
 * fulfilled yet. Nothing with `digitalFulfillment: "disabled"` or for a canceled order.
 *
 * @example
 * const { items } = collectPackFulfillmentStep({ order_id: "order_1" })
 */
export const collectPackFulfillmentStep = createStep(
  collectPackFulfillmentStepId,
  async (input: { order_id: string }, { container }) => {
    const none: PackFulfillment = { order_id: input.order_id, items: [] }
    const iap = iapModule(container)
    if (iap.getOptions().digitalFulfillment === "disabled") return new StepResponse(none)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [order] } = await query.graph({
      entity: "order",
      fields: ["id", "status", "items.id", "items.variant_id", "items.quantity", "items.detail.quantity", "items.detail.fulfilled_quantity"],
      filters: { id: input.order_id },
    })
    if (!order || order.status === "canceled") return new StepResponse(none)
    const items = (order.items ?? []).filter(Boolean) as any[]
    const lots = items.length
      ? await iap.listIapCreditLots({ source_type: "purchase", source_id: items.map((i) => i.id), status: "available" }, { select: ["source_id"] })
      : []
    const ready = new Set(lots.map((l) => l.source_id))
    return new StepResponse<PackFulfillment>({
      order_id: order.id,
      items: items
        .filter((i) => ready.has(i.id))
        .map((i) => ({ id: i.id, quantity: Number(i.detail?.quantity ?? i.quantity) - Number(i.detail?.fulfilled_quantity ?? 0) }))
        .filter((i) => i.quantity > 0),
    })
  }
)
