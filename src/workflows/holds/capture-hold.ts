import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CaptureHoldInput } from "../../types"
import { eventsOf, IapEvents } from "../events"
import { captureHoldStep } from "./steps/capture-hold"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"

export const captureHoldWorkflowId = "iap-capture-hold"

/**
 * Captures a hold (at most the authorized amount; the rest is released) and emits
 * `iap.hold.captured`. Capturing again with the same amount returns the same result.
 *
 * @example
 * await captureHoldWorkflow(container).run({ input: { hold_id, amount: 3, idempotency_key: "cap-9" } })
 */
export const captureHoldWorkflow = createWorkflow(captureHoldWorkflowId, (input: CaptureHoldInput) => {
  const result = captureHoldStep(input)
  emitIapEventsStep(
    transform({ result }, ({ result }) =>
      eventsOf(result, {
        name: IapEvents.HOLD_CAPTURED,
        data: {
          id: result.hold.id,
          account_id: result.account.id,
          amount: result.hold.amount,
          captured_amount: result.hold.captured_amount,
          transaction_id: result.transaction?.id ?? null,
        },
      })
    )
  )
  return new WorkflowResponse(result)
})
