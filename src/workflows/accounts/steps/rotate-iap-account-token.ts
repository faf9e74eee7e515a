import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const rotateIapAccountTokenStepId = "iap-rotate-account-token-step"

/**
 * Replaces an account's token; the new one is in plain text only in this result. Nothing to
 * compensate: the old token is gone for good (only its hash was kept).
 *
 * @example
 * const { account, token } = rotateIapAccountTokenStep({ id: "iapacc_1" })
 */
export const rotateIapAccountTokenStep = createStep(
  rotateIapAccountTokenStepId,
  async (input: { id: string }, { container }) => {
    return new StepResponse(await iapModule(container).rotateAccountToken(input.id))
  }
)
