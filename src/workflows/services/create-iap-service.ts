import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateIapServiceInput } from "../../types"
import { createIapServiceStep } from "./steps/create-iap-service"

export const createIapServiceWorkflowId = "iap-create-service"

/**
 * Creates an IAP service. A third-party service gets a key, returned in plain text this once
 * (only its hash is kept).
 *
 * @example
 * const { result } = await createIapServiceWorkflow(container).run({
 *   input: { technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: true, provider_type: "third_party" },
 * })
 * result.key // "iapk_…", never shown again
 */
export const createIapServiceWorkflow = createWorkflow(createIapServiceWorkflowId, (input: CreateIapServiceInput) => {
  return new WorkflowResponse(createIapServiceStep(input))
})
