import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { UpdateIapCreditPackInput } from "../../types"
import { updateCreditPackStep } from "./steps/update-credit-pack"

export const updateCreditPackWorkflowId = "iap-update-credit-pack"

/**
 * Updates a credit pack's credits, expiry, category or metadata. Its price is the linked
 * variant's: change it on the product.
 *
 * @example
 * await updateCreditPackWorkflow(container).run({ input: { id: "iappack_1", credits: 600, expires_after_days: null } })
 */
export const updateCreditPackWorkflow = createWorkflow(updateCreditPackWorkflowId, (input: UpdateIapCreditPackInput) => {
  return new WorkflowResponse(updateCreditPackStep(input))
})
