import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { iapModule } from "../../common/steps/utils"

export const deleteCreditPacksStepId = "iap-delete-credit-packs"

/**
 * Soft-deletes packs (404 for an unknown id); compensation restores them. Lots already
 * bought are not touched: they keep their own amounts and expiry.
 *
 * @example
 * deleteCreditPacksStep({ ids: ["iappack_1"] })
 */
export const deleteCreditPacksStep = createStep(
  deleteCreditPacksStepId,
  async (input: { ids: string[] }, { container }) => {
    const iap = iapModule(container)
    for (const id of input.ids) await iap.retrieveIapCreditPack(id, { select: ["id"] })
    await iap.softDeleteIapCreditPacks(input.ids)
    return new StepResponse(input.ids, input.ids)
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await iapModule(container).restoreIapCreditPacks(ids)
  }
)
