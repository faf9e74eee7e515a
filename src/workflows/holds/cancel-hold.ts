import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CancelHoldInput } from "../../types"
import { eventsOf, IapEvents } from "../events"
import { cancelHoldStep } from "./steps/cancel-hold"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"

export const cancelHoldWorkflowId = "iap-cancel-hold"

/**
 * Releases a pending hold and emits `iap.hold.canceled`.
 *
 * @example
 * await cancelHoldWorkflow(container).run({ input: { hold_id, idempotency_key: "cancel-9" } })
 */
export const cancelHoldWorkflow = createWorkflow(cancelHoldWorkflowId, (input: CancelHoldInput) => {
  const result = cancelHoldStep(input)
  emitIapEventsStep(
    transform({ result }, ({ result }) =>
      eventsOf(result, {
        name: IapEvents.HOLD_CANCELED,
        data: { id: result.hold.id, account_id: result.account.id, amount: result.hold.amount },
      })
    )
  )
  return new WorkflowResponse(result)
})
