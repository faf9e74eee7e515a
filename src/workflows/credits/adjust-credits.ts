import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { AdjustCreditsInput } from "../../types"
import { eventsOf, IapEvents } from "../events"
import { adjustCreditsStep } from "./steps/adjust-credits"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"

export const adjustCreditsWorkflowId = "iap-adjust-credits"

/**
 * An admin correction with a note (+ adds a promotional lot, − draws down like a debit).
 * Emits `iap.credits.granted` or `iap.credits.debited` accordingly.
 *
 * @example
 * await adjustCreditsWorkflow(container).run({
 *   input: { account_id, amount: -2, note: "double charge", idempotency_key: "adj-7", actor_type: "user", actor_id },
 * })
 */
export const adjustCreditsWorkflow = createWorkflow(adjustCreditsWorkflowId, (input: AdjustCreditsInput) => {
  const result = adjustCreditsStep(input)
  emitIapEventsStep(
    transform({ result }, ({ result }) =>
      eventsOf(result, {
        name: result.transaction.amount > 0 ? IapEvents.CREDITS_GRANTED : IapEvents.CREDITS_DEBITED,
        data: {
          id: result.transaction.id,
          account_id: result.account.id,
          amount: Math.abs(result.transaction.amount),
          lot_id: result.lot?.id ?? null,
        },
      })
    )
  )
  return new WorkflowResponse(result)
})
