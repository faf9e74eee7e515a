import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const expireDueLotsStepId = "iap-expire-due-lots-step"

/**
 * Expires every lot past its expiry (its unreserved remainder, one `expiry` row each).
 *
 * @example
 * const results = expireDueLotsStep()
 */
export const expireDueLotsStep = createStep(expireDueLotsStepId, async (_: void, { container }) => {
  return new StepResponse(await iapModule(container).expireDueLots())
})
