import type { AdditionalData } from "@medusajs/framework/types"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { GrantCreditsInput } from "../../types"
import { eventsOf, IapEvents } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { grantCreditsStep } from "./steps/grant-credits"

export const grantCreditsWorkflowId = "iap-grant-credits"

/** A grant, plus custom data passed through to the `creditsGranted` hook. */
export type GrantCreditsWorkflowInput = GrantCreditsInput & AdditionalData

/**
 * Grants credits to an account as a new lot (paid or promotional, optional expiry) and emits
 * `iap.credits.granted` once they are spendable.
 *
 * @example
 * await grantCreditsWorkflow(container).run({
 *   input: {
 *     account_id, amount: 50, category: "promotional", idempotency_key: "welcome", actor_type: "user", actor_id: "user_1",
 *     additional_data: { campaign: "spring" },
 *   },
 * })
 *
 * @summary
 *
 * Grant credits to an account.
 *
 * @property hooks.creditsGranted - Runs after the lot is written, before the event: receives
 * `{ account, lot, transaction, replayed, additional_data }`. Throwing undoes the grant.
 */
export const grantCreditsWorkflow = createWorkflow(grantCreditsWorkflowId, (input: GrantCreditsWorkflowInput) => {
  const result = grantCreditsStep(transform({ input }, ({ input: { additional_data: _, ...grant } }) => grant))
  const creditsGranted = createHook("creditsGranted", {
    account: result.account,
    lot: result.lot,
    transaction: result.transaction,
    replayed: result.replayed,
    additional_data: input.additional_data,
  })
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
  return new WorkflowResponse(result, { hooks: [creditsGranted] })
})
