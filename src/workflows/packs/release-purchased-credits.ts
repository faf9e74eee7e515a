import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { grantPurchasedCreditsWorkflow, GrantPurchasedCreditsResult } from "./grant-purchased-credits"
import { findPaymentOrderStep } from "../common/steps/find-payment-order"

export const releasePurchasedCreditsWorkflowId = "iap-release-purchased-credits"

/**
 * On `payment.captured`: makes the credits bought with the payment's order available. It
 * re-runs the (idempotent) purchase grant for the order, which creates any lot the
 * `order.placed` handler has not created yet and releases pending lots once the order's
 * payment is fully captured. A second delivery writes nothing.
 *
 * @example
 * await releasePurchasedCreditsWorkflow(container).run({ input: { payment_id: "pay_1" } })
 */
export const releasePurchasedCreditsWorkflow = createWorkflow(
  releasePurchasedCreditsWorkflowId,
  (input: { payment_id: string }) => {
    const found = findPaymentOrderStep(input)
    const granted = when({ found }, ({ found }) => !!found.order_id).then(() =>
      grantPurchasedCreditsWorkflow.runAsStep({
        input: transform({ found }, ({ found }) => ({ order_id: found.order_id! })),
      })
    )
    return new WorkflowResponse(
      transform({ found, granted }, ({ found, granted }): GrantPurchasedCreditsResult | null =>
        found.order_id ? (granted as GrantPurchasedCreditsResult) : null
      )
    )
  }
)
