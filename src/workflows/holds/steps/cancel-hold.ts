import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CancelHoldInput } from "../../../types"
import { iapModule } from "../../common/steps/utils"

export const cancelHoldStepId = "iap-cancel-hold-step"

/**
 * Releases a pending hold. A release cannot be taken back, so there is no compensation.
 *
 * @example
 * cancelHoldStep({ hold_id, idempotency_key: "cancel-1" })
 */
export const cancelHoldStep = createStep(cancelHoldStepId, async (input: CancelHoldInput, { container }) => {
  return new StepResponse(await iapModule(container).cancelHold(input))
})
