import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const revokeOdooTokenStepId = "iap-revoke-odoo-token-step"

export type RevokeOdooTokenInput = {
  id: string
  /** Only this customer's links (a store request); omitted for an admin. */
  customer_id?: string
}

/**
 * Revokes a link; nothing to compensate (a revoked token is linked again through the store).
 *
 * @example
 * const odooToken = revokeOdooTokenStep({ id: "iapotok_1" })
 */
export const revokeOdooTokenStep = createStep(revokeOdooTokenStepId, async (input: RevokeOdooTokenInput, { container }) => {
  const scope = input.customer_id === undefined ? {} : { customer_id: input.customer_id }
  return new StepResponse(await iapModule(container).revokeOdooToken(input.id, scope))
})
