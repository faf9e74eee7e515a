import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { eventsOf, IapEvents } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { expireDueHoldsStep } from "./steps/expire-due-holds"

export const expireHoldsWorkflowId = "iap-expire-holds"

/**
 * Expires unresolved holds past their TTL and emits `iap.hold.expired` for each.
 *
 * @example
 * const { result } = await expireHoldsWorkflow(container).run()
 */
export const expireHoldsWorkflow = createWorkflow(expireHoldsWorkflowId, () => {
  const expired = expireDueHoldsStep()
  emitIapEventsStep(
    transform({ expired }, ({ expired }) =>
      expired.flatMap((r) =>
        eventsOf(r, { name: IapEvents.HOLD_EXPIRED, data: { id: r.hold.id, account_id: r.account.id, amount: r.hold.amount } })
      )
    )
  )
  return new WorkflowResponse(expired)
})
