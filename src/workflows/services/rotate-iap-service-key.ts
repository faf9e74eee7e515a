import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rotateIapServiceKeyStep } from "./steps/rotate-iap-service-key"

export const rotateIapServiceKeyWorkflowId = "iap-rotate-service-key"

/**
 * Replaces a third-party service's key; the new key is returned in plain text this once.
 *
 * @example
 * const { result } = await rotateIapServiceKeyWorkflow(container).run({ input: { id: "iapsvc_1" } })
 * result.key // "iapk_…"
 */
export const rotateIapServiceKeyWorkflow = createWorkflow(rotateIapServiceKeyWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(rotateIapServiceKeyStep(input))
})
