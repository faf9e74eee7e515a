import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { parseAmount, toNumber } from "../../modules/iap/utils/amount"
import type { IapClawbackDTO } from "../../types"
import { eventsOf, IapEvents } from "../events"
import { grantPurchasedCreditsWorkflow } from "../packs/grant-purchased-credits"
import { clawbackOrderLinesStep } from "./steps/clawback-order-lines"
import { collectOrderClawbacksStep } from "./steps/collect-order-clawbacks"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { planClawbacks } from "./utils/refund-clawbacks"

export const clawbackOrderCreditsWorkflowId = "iap-clawback-order-credits"

export type ClawbackOrderCreditsResult = {
  order_id: string
  /** The clawbacks this run wrote, and (`replayed`) those an earlier run wrote under the same key. */
  clawbacks: (IapClawbackDTO & { replayed: boolean })[]
  /** Used credits not recovered, over the clawbacks written by this run. */
  shortfall: number
}

/**
 * Refunds and returns take back the credits they paid for (docs/rules.md). Makes sure the
 * order's lots exist and are released when its payment is captured (the purchase grant, so a
 * refund handled before the capture event sees the same lots), then replays the order's
 * captures, refunds and received returns in time order (`planClawbacks`) and claws back from
 * each pack line's lot what each refund or return takes. Cumulative and convergent: run it
 * again, for any event of the order and in any order, and every clawback replays.
 * Emits `iap.credits.clawed_back` per clawback written.
 *
 * @example
 * const { result } = await clawbackOrderCreditsWorkflow(container).run({ input: { order_id: "order_1" } })
 */
export const clawbackOrderCreditsWorkflow = createWorkflow(
  clawbackOrderCreditsWorkflowId,
  (input: { order_id: string }) => {
    grantPurchasedCreditsWorkflow.runAsStep({ input: transform({ input }, ({ input }) => ({ order_id: input.order_id })) })
    const collected = collectOrderClawbacksStep(input)
    const results = clawbackOrderLinesStep(
      transform({ collected }, ({ collected }) => {
        const lotOf = new Map(collected.lots.map((l) => [l.line_item_id, l.lot_id]))
        return {
          order_id: collected.order_id,
          clawbacks: planClawbacks(collected.lines, collected.sources)
            .filter((c) => lotOf.has(c.line_item_id))
            .map((c) => ({ ...c, lot_id: lotOf.get(c.line_item_id)! })),
        }
      })
    )
    emitIapEventsStep(
      transform({ results }, ({ results }) =>
        results.flatMap((r) =>
          !r.clawback || !r.transaction ? [] : eventsOf(r, {
            name: IapEvents.CREDITS_CLAWED_BACK,
            data: {
              id: r.transaction.id,
              account_id: r.clawback.account_id,
              order_id: r.clawback.order_id,
              line_item_id: r.clawback.line_item_id,
              lot_id: r.clawback.lot_id,
              credits: toNumber(parseAmount(r.clawback.clawed, { allowZero: true }) + parseAmount(r.clawback.debt, { allowZero: true })),
              shortfall: r.clawback.shortfall,
              reference: r.clawback.reference_id,
              reference_type: r.clawback.reference_type,
            },
          })
        )
      )
    )
    return new WorkflowResponse(
      transform({ input, results }, ({ input, results }): ClawbackOrderCreditsResult => ({
        order_id: input.order_id,
        clawbacks: results.filter((r) => r.clawback).map((r) => ({ ...r.clawback!, replayed: r.replayed })),
        shortfall: toNumber(results.filter((r) => r.clawback && !r.replayed).reduce((s, r) => s + parseAmount(r.clawback!.shortfall, { allowZero: true }), 0n)),
      }))
    )
  }
)
