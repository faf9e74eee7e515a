import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isFullyCaptured, orderPackLines, OrderPackLine } from "../utils/order-credit-packs"
import { iapModule } from "../../common/steps/utils"

export const collectOrderCreditPacksStepId = "iap-collect-order-credit-packs"

export type { OrderPackLine }

export type CollectedOrderPacks = {
  order: { id: string; display_id: number | null; status: string; customer_id: string | null; sales_channel_id: string | null; currency_code: string } | null
  /** Every line item id of the order (lots are found by their `source_id`). */
  line_item_ids: string[]
  lines: OrderPackLine[]
  /** Whether the bought credits may be spendable now: `grantOn: "order_placed"`, or payment fully captured. */
  release: boolean
}

const ORDER_FIELDS = [
  "id", "display_id", "status", "customer_id", "sales_channel_id", "currency_code",
  "items.id", "items.variant_id", "items.title", "items.variant_title", "items.unit_price", "items.raw_unit_price",
  "items.detail.quantity", "items.detail.raw_quantity",
  "payment_collections.payments.captured_at", "payment_collections.payments.canceled_at",
]
const PACK_FIELDS = ["id", "service_id", "credits", "raw_credits", "expires_after_days", "category"].map((f) => `iap_credit_pack.${f}`)

/**
 * Reads an order, its credit-pack lines (through the pack ↔ variant link) and whether its
 * payment is fully captured. An unknown order yields nothing to do.
 *
 * @example
 * const collected = collectOrderCreditPacksStep({ order_id: "order_1" })
 */
export const collectOrderCreditPacksStep = createStep(
  collectOrderCreditPacksStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [order] } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.order_id } })
    if (!order) return new StepResponse<CollectedOrderPacks>({ order: null, line_item_ids: [], lines: [], release: false })
    const items = (order.items ?? []).filter(Boolean) as any[]
    const variantIds = [...new Set(items.map((i) => i.variant_id).filter(Boolean))]
    const { data: variants } = variantIds.length
      ? await query.graph({ entity: "product_variant", fields: ["id", ...PACK_FIELDS], filters: { id: variantIds } })
      : { data: [] as any[] }
    const packOf = new Map(variants.filter((v: any) => v.iap_credit_pack).map((v: any) => [v.id, v.iap_credit_pack]))
    const grantOn = iapModule(container).getOptions().grantOn
    return new StepResponse<CollectedOrderPacks>({
      order: {
        id: order.id, display_id: (order as any).display_id ?? null, status: order.status as string,
        customer_id: order.customer_id ?? null, sales_channel_id: order.sales_channel_id ?? null, currency_code: order.currency_code,
      },
      line_item_ids: items.map((i) => i.id),
      lines: orderPackLines(items, packOf),
      release: order.status !== "canceled" && (grantOn === "order_placed" || isFullyCaptured(order as any)),
    })
  }
)
