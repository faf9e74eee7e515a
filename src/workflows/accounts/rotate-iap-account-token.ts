import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { rotateIapAccountTokenStep } from "./steps/rotate-iap-account-token"

export const rotateIapAccountTokenWorkflowId = "iap-rotate-account-token"

/**
 * Replaces an account's token (what a third-party provider is given to charge it); the new
 * token is returned in plain text this once and the old one stops working at once.
 *
 * @example
 * const { result } = await rotateIapAccountTokenWorkflow(container).run({ input: { id: "iapacc_1" } })
 * result.token // "iapt_…"
 */
export const rotateIapAccountTokenWorkflow = createWorkflow(rotateIapAccountTokenWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(rotateIapAccountTokenStep(input))
})
