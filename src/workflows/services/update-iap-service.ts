import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateIapServiceStep, UpdateIapServiceStepInput } from "./steps/update-iap-service"

export const updateIapServiceWorkflowId = "iap-update-service"

/**
 * Changes an IAP service's settings; `status: "archived"` archives it (its accounts keep their
 * credits, but nothing new can be charged or created for it).
 *
 * @example
 * await updateIapServiceWorkflow(container).run({ input: { id: "iapsvc_1", update: { status: "archived" } } })
 */
export const updateIapServiceWorkflow = createWorkflow(updateIapServiceWorkflowId, (input: UpdateIapServiceStepInput) => {
  return new WorkflowResponse(updateIapServiceStep(input))
})
