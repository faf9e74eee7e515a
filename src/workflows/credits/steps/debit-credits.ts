import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { DebitCreditsInput } from "../../../types"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../../common/steps/utils"

export const debitCreditsStepId = "iap-debit-credits-step"

/**
 * Debits an account; compensation writes a reversal.
 *
 * @example
 * debitCreditsStep({ account_id, amount: 1, idempotency_key: "sms-42" })
 */
export const debitCreditsStep = createStep(
  debitCreditsStepId,
  async (input: DebitCreditsInput, { container }) => {
    const result = await iapModule(container).debitCredits(input)
    return new StepResponse(result, writtenTransactionId(result))
  },
  reverseWrittenTransaction
)
