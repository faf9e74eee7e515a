import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CaptureHoldInput } from "../../../types"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../../common/steps/utils"

export const captureHoldStepId = "iap-capture-hold-step"

/**
 * Captures a hold (≤ authorized, rest released); compensation writes a reversal of the capture.
 *
 * @example
 * captureHoldStep({ hold_id, amount: 6, idempotency_key: "cap-1" })
 */
export const captureHoldStep = createStep(
  captureHoldStepId,
  async (input: CaptureHoldInput, { container }) => {
    const result = await iapModule(container).captureHold(input)
    return new StepResponse(result, writtenTransactionId(result))
  },
  reverseWrittenTransaction
)
