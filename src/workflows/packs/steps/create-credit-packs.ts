import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ValidCreditPack } from "./validate-credit-packs"
import { iapModule } from "../../common/steps/utils"

export const createCreditPacksStepId = "iap-create-credit-packs"

/**
 * Creates validated packs, in input order; compensation deletes them (nothing can have
 * been sold yet).
 *
 * @example
 * const packs = createCreditPacksStep(validPacks)
 */
export const createCreditPacksStep = createStep(
  createCreditPacksStepId,
  async (packs: ValidCreditPack[], { container }) => {
    const created = await iapModule(container).createIapCreditPacks(
      packs.map((p) => ({
        service_id: p.service_id,
        // A decimal string keeps the amount exact (bigNumber columns accept strings).
        credits: p.credits as unknown as number,
        expires_after_days: p.expires_after_days,
        category: p.category,
        metadata: p.metadata ?? null,
      }))
    )
    return new StepResponse(created, created.map((p) => p.id))
  },
  async (ids: string[] | undefined, { container }) => {
    if (!ids?.length) return
    await iapModule(container).deleteIapCreditPacks(ids)
  }
)
