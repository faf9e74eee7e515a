import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { parseAmount, toNumber } from "../../modules/iap/utils/amount"
import type { VoidedPurchaseOutcome } from "../../types"
import { eventsOf } from "../events"
import { collectOrderCreditPacksStep } from "./steps/collect-order-credit-packs"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { voidPurchasedLotsStep } from "./steps/void-purchased-lots"

export const voidPurchasedCreditsWorkflowId = "iap-void-purchased-credits"

export type VoidPurchasedCreditsResult = {
  order_id: string
  lots: VoidedPurchaseOutcome[]
  /** Credits of the order already used (or held) that could not be taken back. */
  shortfall: number
}

/**
 * On `order.canceled`: voids the credits the order bought (docs/rules.md, rule 8). Pending lots are
 * voided whole; available lots up to what is left, the used part stays used and is reported
 * as `shortfall` (per lot and in total). Idempotent per line item.
 *
 * @example
 * const { result } = await voidPurchasedCreditsWorkflow(container).run({ input: { order_id: "order_1" } })
 * result.shortfall // 30: credits used before the cancellation
 */
export const voidPurchasedCreditsWorkflow = createWorkflow(
  voidPurchasedCreditsWorkflowId,
  (input: { order_id: string }) => {
    const collected = collectOrderCreditPacksStep(input)
    const voided = voidPurchasedLotsStep(
      transform({ collected }, ({ collected }) => ({ order_id: collected.order?.id ?? null, line_item_ids: collected.line_item_ids }))
    )
    emitIapEventsStep(transform({ voided }, ({ voided }) => voided.results.flatMap((r) => eventsOf(r, null))))
    return new WorkflowResponse(
      transform({ input, voided }, ({ input, voided }): VoidPurchasedCreditsResult => ({
        order_id: input.order_id,
        lots: voided.outcomes,
        shortfall: toNumber(voided.outcomes.reduce((sum, o) => sum + parseAmount(o.shortfall, { allowZero: true }), 0n)),
      }))
    )
  }
)
