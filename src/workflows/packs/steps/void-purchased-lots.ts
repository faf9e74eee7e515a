import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { VoidedPurchaseOutcome, VoidLotResult } from "../../../types"
import { purchaseKeys } from "../utils/credit-packs"
import { iapModule } from "../../common/steps/utils"

export const voidPurchasedLotsStepId = "iap-void-purchased-lots"

/**
 * Voids the lots an order's lines bought (docs/rules.md, rule 8): pending ones entirely, available ones
 * up to what remains unused; what was already used or held is the `shortfall`. Keyed
 * `purchase-void:<line item id>`, so a redelivery returns the first outcome. A lot closed by
 * something else (an admin void, expiry) is reported as skipped.
 *
 * @example
 * voidPurchasedLotsStep({ order_id: "order_1", line_item_ids: ["ordli_1"] })
 */
export const voidPurchasedLotsStep = createStep(
  voidPurchasedLotsStepId,
  async (input: { order_id: string | null; line_item_ids: string[] }, { container }) => {
    const iap = iapModule(container)
    const outcomes: VoidedPurchaseOutcome[] = []
    const results: VoidLotResult[] = []
    if (!input.order_id || !input.line_item_ids.length) return new StepResponse({ outcomes, results })
    const lots = await iap.listIapCreditLots({ source_type: "purchase", source_id: input.line_item_ids })
    for (const lot of lots) {
      const base = { line_item_id: lot.source_id!, lot_id: lot.id, was: lot.status }
      try {
        const res = (await iap.voidLot({
          lot_id: lot.id,
          idempotency_key: purchaseKeys.void(lot.source_id!),
          note: `Order ${input.order_id} canceled`,
        })) as VoidLotResult & { voided: number; shortfall: number }
        results.push(res)
        // A replay finds the lot voided already: a pending lot was voided whole (0 and 0).
        const was = !res.replayed ? lot.status : res.voided === 0 && res.shortfall === 0 ? "pending" : "available"
        outcomes.push({ ...base, was, voided: res.voided, shortfall: res.shortfall })
      } catch (e) {
        if ((e as MedusaError)?.type !== MedusaError.Types.CONFLICT) throw e
        outcomes.push({ ...base, voided: 0, shortfall: 0, skipped: (e as Error).message })
      }
    }
    return new StepResponse({ outcomes, results })
  }
)
