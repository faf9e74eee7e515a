import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const expireDueHoldsStepId = "iap-expire-due-holds-step"

/**
 * Expires every pending hold past its TTL. Nothing to compensate: expiry is what time did.
 *
 * @example
 * const expired = expireDueHoldsStep()
 */
export const expireDueHoldsStep = createStep(expireDueHoldsStepId, async (_: void, { container }) => {
  return new StepResponse(await iapModule(container).expireDueHolds())
})
