import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AdjustCreditsInput } from "../../../types"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../../common/steps/utils"

export const adjustCreditsStepId = "iap-adjust-credits-step"

/**
 * Applies an admin adjustment (+ or −, with a note); compensation writes a reversal.
 *
 * @example
 * adjustCreditsStep({ account_id, amount: -5, note: "duplicate order", idempotency_key: "adj-1" })
 */
export const adjustCreditsStep = createStep(
  adjustCreditsStepId,
  async (input: AdjustCreditsInput, { container }) => {
    const result = await iapModule(container).adjustCredits(input)
    return new StepResponse(result, writtenTransactionId(result))
  },
  reverseWrittenTransaction
)
