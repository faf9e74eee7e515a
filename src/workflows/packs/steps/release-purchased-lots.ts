import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ReleasePendingLotResult } from "../../../types"
import { purchaseKeys } from "../utils/credit-packs"
import { iapModule } from "../../common/steps/utils"

export const releasePurchasedLotsStepId = "iap-release-purchased-lots"

/**
 * Makes an order's pending purchased lots available (payment captured, or `grantOn:
 * "order_placed"`), each under the key `purchase-release:<line item id>`. Lots already
 * available are left alone, so a redelivered event writes nothing; a lot voided meanwhile
 * (order canceled) stays voided. Forward-only, like the grant.
 *
 * @example
 * releasePurchasedLotsStep({ line_item_ids: ["ordli_1"] })
 */
export const releasePurchasedLotsStep = createStep(
  releasePurchasedLotsStepId,
  async (input: { line_item_ids: string[] }, { container }) => {
    const iap = iapModule(container)
    if (!input.line_item_ids.length) return new StepResponse([] as ReleasePendingLotResult[])
    const lots = await iap.listIapCreditLots({ source_type: "purchase", source_id: input.line_item_ids, status: "pending" })
    const released: ReleasePendingLotResult[] = []
    for (const lot of lots) {
      try {
        released.push(
          (await iap.releasePendingLot({ lot_id: lot.id, idempotency_key: purchaseKeys.release(lot.source_id!) })) as ReleasePendingLotResult
        )
      } catch (e) {
        // Voided between the listing and the lock: the cancellation wins.
        if ((e as MedusaError)?.type !== MedusaError.Types.CONFLICT) throw e
      }
    }
    return new StepResponse(released)
  }
)
