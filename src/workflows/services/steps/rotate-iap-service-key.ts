import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const rotateIapServiceKeyStepId = "iap-rotate-service-key-step"

/**
 * Issues a new key for a third-party service (the old one stops working at once). The new key
 * is in plain text only in this result. Nothing to compensate: the old key is gone for good.
 *
 * @example
 * const { service, key } = rotateIapServiceKeyStep({ id: "iapsvc_1" })
 */
export const rotateIapServiceKeyStep = createStep(
  rotateIapServiceKeyStepId,
  async (input: { id: string }, { container }) => {
    return new StepResponse(await iapModule(container).rotateServiceKey(input.id))
  }
)
