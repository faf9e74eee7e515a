import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { clawbackOrderCreditsWorkflow, ClawbackOrderCreditsResult } from "./clawback-order-credits"
import { findPaymentOrderStep } from "../common/steps/find-payment-order"

export const clawbackRefundedPaymentWorkflowId = "iap-clawback-refunded-payment"

/**
 * On `payment.refunded`: the order of the payment takes back the credits its refunds no longer
 * pay for (`clawbackOrderCreditsWorkflow`). A payment outside an order does nothing.
 *
 * @example
 * await clawbackRefundedPaymentWorkflow(container).run({ input: { payment_id: "pay_1" } })
 */
export const clawbackRefundedPaymentWorkflow = createWorkflow(
  clawbackRefundedPaymentWorkflowId,
  (input: { payment_id: string }) => {
    const found = findPaymentOrderStep(transform({ input }, ({ input }) => ({ payment_id: input.payment_id, any_state: true })))
    const clawed = when({ found }, ({ found }) => !!found.order_id).then(() =>
      clawbackOrderCreditsWorkflow.runAsStep({ input: transform({ found }, ({ found }) => ({ order_id: found.order_id! })) })
    )
    return new WorkflowResponse(
      transform({ found, clawed }, ({ found, clawed }): ClawbackOrderCreditsResult | null =>
        found.order_id ? (clawed as ClawbackOrderCreditsResult) : null
      )
    )
  }
)
