import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { GrantCreditsInput } from "../../../types"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../../common/steps/utils"

export const grantCreditsStepId = "iap-grant-credits-step"

/**
 * Grants a lot of credits; compensation writes a reversal of what is still unspent.
 *
 * @example
 * grantCreditsStep({ account_id, amount: 100, idempotency_key: "welcome" })
 */
export const grantCreditsStep = createStep(
  grantCreditsStepId,
  async (input: GrantCreditsInput, { container }) => {
    const result = await iapModule(container).grantCredits(input)
    return new StepResponse(result, writtenTransactionId(result))
  },
  reverseWrittenTransaction
)
