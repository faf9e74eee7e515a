import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const findPaymentOrderStepId = "iap-find-payment-order"

/**
 * The order a payment belongs to (payment → payment collection → order), or null for a
 * payment outside an order or, unless `any_state`, one not fully captured yet.
 *
 * @example
 * const { order_id } = findPaymentOrderStep({ payment_id: "pay_1" })
 * const refunded = findPaymentOrderStep({ payment_id: "pay_1", any_state: true })
 */
export const findPaymentOrderStep = createStep(
  findPaymentOrderStepId,
  async (input: { payment_id: string; any_state?: boolean }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [payment] } = await query.graph({
      entity: "payment",
      fields: ["id", "captured_at", "payment_collection_id"],
      filters: { id: input.payment_id },
    })
    if ((!payment?.captured_at && !input.any_state) || !payment?.payment_collection_id) return new StepResponse({ order_id: null as string | null })
    const { data: [link] } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: payment.payment_collection_id },
    })
    return new StepResponse({ order_id: ((link as any)?.order_id as string | undefined) ?? null })
  }
)
