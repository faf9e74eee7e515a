import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const findPaymentOrderStepId = "iap-find-payment-order"

/**
 * The order a payment belongs to (payment → payment collection → order), or null for a
 * payment outside an order or one not fully captured yet.
 *
 * @example
 * const { order_id } = findPaymentOrderStep({ payment_id: "pay_1" })
 */
export const findPaymentOrderStep = createStep(
  findPaymentOrderStepId,
  async (input: { payment_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [payment] } = await query.graph({
      entity: "payment",
      fields: ["id", "captured_at", "payment_collection_id"],
      filters: { id: input.payment_id },
    })
    if (!payment?.captured_at || !payment.payment_collection_id) return new StepResponse({ order_id: null as string | null })
    const { data: [link] } = await query.graph({
      entity: "order_payment_collection",
      fields: ["order_id"],
      filters: { payment_collection_id: payment.payment_collection_id },
    })
    return new StepResponse({ order_id: ((link as any)?.order_id as string | undefined) ?? null })
  }
)
