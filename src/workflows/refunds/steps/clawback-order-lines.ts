import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ClawbackCreditsResult } from "../../../types"
import type { PlannedClawback } from "../utils/refund-clawbacks"
import { iapModule } from "../../common/steps/utils"

export const clawbackOrderLinesStepId = "iap-clawback-order-lines"

export type ClawbackOrderLinesInput = {
  order_id: string | null
  clawbacks: (PlannedClawback & { lot_id: string })[]
}

/**
 * Brings each pack line's clawbacks up to its planned total (policy: the `refundPolicy`
 * option), last line first. Keyed by the refund or return that raised the total, the line and
 * the total: a redelivered event replays, and a total already reached writes nothing.
 *
 * No compensation on purpose, as for the purchase grant: the clawbacks are keyed, so a failed
 * run is completed by the next delivery, and a clawback undone would stay undone (its key is used).
 *
 * @example
 * clawbackOrderLinesStep({ order_id: "order_1", clawbacks: [{ lot_id, up_to: "400", reference_type: "refund", … }] })
 */
export const clawbackOrderLinesStep = createStep(
  clawbackOrderLinesStepId,
  async (input: ClawbackOrderLinesInput, { container }) => {
    const iap = iapModule(container)
    const results: ClawbackCreditsResult[] = []
    for (const c of input.clawbacks) {
      results.push(
        await iap.clawbackCredits({
          lot_id: c.lot_id,
          up_to: c.up_to,
          reference_type: c.reference_type,
          reference_id: c.reference_id,
          order_id: input.order_id,
          line_item_id: c.line_item_id,
          idempotency_key: c.idempotency_key,
          actor_type: "system",
        })
      )
    }
    return new StepResponse(results)
  }
)
