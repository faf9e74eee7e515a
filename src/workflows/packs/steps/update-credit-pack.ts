import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { UpdateIapCreditPackInput } from "../../../types"
import { packCredits, packExpiry } from "../utils/credit-packs"
import { iapModule } from "../../common/steps/utils"

export const updateCreditPackStepId = "iap-update-credit-pack"

/**
 * Changes a pack; only later purchases are affected (granted lots keep their amounts).
 * Compensation restores the previous values.
 *
 * @example
 * updateCreditPackStep({ id: "iappack_1", credits: 600 })
 */
export const updateCreditPackStep = createStep(
  updateCreditPackStepId,
  async (input: UpdateIapCreditPackInput, { container }) => {
    const iap = iapModule(container)
    const before = await iap.retrieveIapCreditPack(input.id, { relations: ["service"] })
    const data: Record<string, unknown> = { id: input.id }
    if (input.credits !== undefined) data.credits = packCredits(input.credits, before.service)
    if (input.expires_after_days !== undefined) data.expires_after_days = packExpiry(input.expires_after_days)
    if (input.category !== undefined) data.category = input.category
    if (input.metadata !== undefined) data.metadata = input.metadata
    const updated = await iap.updateIapCreditPacks(data as any)
    const previous = {
      id: before.id,
      credits: (before as any).raw_credits?.value ?? before.credits,
      expires_after_days: before.expires_after_days,
      category: before.category,
      metadata: before.metadata,
    }
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    await iapModule(container).updateIapCreditPacks(previous as any)
  }
)
