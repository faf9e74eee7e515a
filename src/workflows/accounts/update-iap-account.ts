import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { updateIapAccountStep, UpdateIapAccountStepInput } from "./steps/update-iap-account"
import { validateAccountReferencesStep } from "./steps/validate-account-references"

export const updateIapAccountWorkflowId = "iap-update-account"

/**
 * Changes an account's restriction, state, overdraft limit, low-balance threshold or its
 * recipients. A new threshold re-arms the warning: the next drop below it sends one email per
 * recipient (docs/rules.md, rule 11).
 *
 * @example
 * await updateIapAccountWorkflow(container).run({
 *   input: { id: "iapacc_1", update: { warning_threshold: 20, warning_emails: ["ops@acme.test"] } },
 * })
 */
export const updateIapAccountWorkflow = createWorkflow(updateIapAccountWorkflowId, (input: UpdateIapAccountStepInput) => {
  validateAccountReferencesStep(transform({ input }, ({ input }) => ({ sales_channel_ids: input.update.sales_channel_ids })))
  return new WorkflowResponse(updateIapAccountStep(input))
})
