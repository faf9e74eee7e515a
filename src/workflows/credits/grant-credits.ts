import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { GrantCreditsInput } from "../../types"
import { eventsOf, IapEvents } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { grantCreditsStep } from "./steps/grant-credits"

export const grantCreditsWorkflowId = "iap-grant-credits"

/**
 * Grants credits to an account as a new lot (paid or promotional, optional expiry) and emits
 * `iap.credits.granted` once they are spendable.
 *
 * @example
 * await grantCreditsWorkflow(container).run({
 *   input: { account_id, amount: 50, category: "promotional", idempotency_key: "welcome", actor_type: "user", actor_id: "user_1" },
 * })
 */
export const grantCreditsWorkflow = createWorkflow(grantCreditsWorkflowId, (input: GrantCreditsInput) => {
  const result = grantCreditsStep(input)
  emitIapEventsStep(
    transform({ result }, ({ result }) =>
      eventsOf(
        result,
        result.transaction
          ? {
              name: IapEvents.CREDITS_GRANTED,
              data: { id: result.transaction.id, account_id: result.account.id, lot_id: result.lot.id, amount: result.transaction.amount },
            }
          : null
      )
    )
  )
  return new WorkflowResponse(result)
})
