import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { revokeOdooTokenStep, type RevokeOdooTokenInput } from "./steps/revoke-odoo-token"

export const revokeOdooTokenWorkflowId = "iap-revoke-odoo-token"

/**
 * Stops an Odoo database's token from naming its account (at once); the link stays listed
 * with its `revoked_at`. Revoking twice changes nothing.
 *
 * @example
 * const { result } = await revokeOdooTokenWorkflow(container).run({ input: { id: "iapotok_1", customer_id: "cus_1" } })
 * result.revoked_at // "2030-01-01T10:00:00.000Z"
 */
export const revokeOdooTokenWorkflow = createWorkflow(revokeOdooTokenWorkflowId, (input: RevokeOdooTokenInput) => {
  return new WorkflowResponse(revokeOdooTokenStep(input))
})
