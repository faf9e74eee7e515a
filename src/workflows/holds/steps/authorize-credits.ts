import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AuthorizeCreditsInput } from "../../../types"
import { iapModule } from "../../common/steps/utils"

export const authorizeCreditsStepId = "iap-authorize-credits-step"

/**
 * Reserves credits in a hold; compensation cancels the hold it created.
 *
 * @example
 * authorizeCreditsStep({ account_id, amount: 10, idempotency_key: "auth-1", ttl_seconds: 300 })
 */
export const authorizeCreditsStep = createStep(
  authorizeCreditsStepId,
  async (input: AuthorizeCreditsInput, { container }) => {
    const result = await iapModule(container).authorizeCredits(input)
    return new StepResponse(result, result.replayed ? null : result.hold.id)
  },
  async (holdId, { container }) => {
    if (!holdId) return
    await iapModule(container)
      .cancelHold({ hold_id: holdId, idempotency_key: `compensate:${holdId}` })
      .catch(() => undefined) // already resolved (captured or expired): nothing left to release
  }
)
