import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { eventsOf } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { expireDueLotsStep } from "./steps/expire-due-lots"

export const expireLotsWorkflowId = "iap-expire-lots"

/**
 * Expires lots past their expiry and emits `iap.lot.expired` for each (and a threshold
 * warning when an account drops below its threshold because of it).
 *
 * @example
 * const { result } = await expireLotsWorkflow(container).run()
 */
export const expireLotsWorkflow = createWorkflow(expireLotsWorkflowId, () => {
  const results = expireDueLotsStep()
  emitIapEventsStep(transform({ results }, ({ results }) => results.flatMap((r) => eventsOf(r))))
  return new WorkflowResponse(results)
})
