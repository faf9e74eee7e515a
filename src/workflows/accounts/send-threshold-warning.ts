import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { prepareThresholdWarningStep, PrepareThresholdWarningInput } from "./steps/prepare-threshold-warning"

export const sendThresholdWarningWorkflowId = "iap-send-threshold-warning"

/**
 * Rule 11 (docs/rules.md): sends the low-balance warning of one downward crossing through the Notification
 * Module, one email per recipient (channel `email`, template from the `warningEmailTemplate`
 * option, data `{ service, service_name, unit_name, available, threshold, credits_url,
 * account_id }`). Each email carries an idempotency key per account, crossing and recipient,
 * so running it twice for the same crossing sends nothing new.
 *
 * @example
 * await sendThresholdWarningWorkflow(container).run({
 *   input: { account_id: "iapacc_1", crossing_id: "01JABC…", available: 4 },
 * })
 */
export const sendThresholdWarningWorkflow = createWorkflow(
  sendThresholdWarningWorkflowId,
  (input: PrepareThresholdWarningInput) => {
    const notifications = prepareThresholdWarningStep(input)
    return new WorkflowResponse(sendNotificationsStep(notifications))
  }
)
