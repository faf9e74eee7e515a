import type { AdditionalData } from "@medusajs/framework/types"
import { createHook, createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { PurchasedLotOutcome } from "../../types"
import { eventsOf, IapEventMessage, IapEvents } from "../events"
import { collectOrderCreditPacksStep } from "./steps/collect-order-credit-packs"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { grantPurchasedLotsStep } from "./steps/grant-purchased-lots"
import { linkOrderLotsStep } from "./steps/link-order-lots"
import { releasePurchasedLotsStep } from "./steps/release-purchased-lots"

export const grantPurchasedCreditsWorkflowId = "iap-grant-purchased-credits"

/** The order whose credit packs become lots, plus custom data passed through to the `creditPacksPurchased` hook. */
export type GrantPurchasedCreditsWorkflowInput = { order_id: string } & AdditionalData

export type GrantPurchasedCreditsResult = {
  order_id: string
  /** The lots of the order's credit-pack lines, with their status after this run. */
  lots: PurchasedLotOutcome[]
  /** Lots made available by this run (none on a redelivery). */
  released_lot_ids: string[]
}

/**
 * Turns an order's credit-pack lines into lots (docs/rules.md, rule 8): one `pending` lot per line on
 * the account resolved for (service, customer, sales channel), linked to the order; the lots
 * become available at once when the payment is already captured or with `grantOn:
 * "order_placed"`. Idempotent per line item: run it again for the same order and nothing
 * new is written. Run on `order.placed`, and again on `payment.captured`.
 *
 * @example
 * const { result } = await grantPurchasedCreditsWorkflow(container).run({ input: { order_id: "order_1" } })
 *
 * @summary
 *
 * Grant the credits of an order's credit packs.
 *
 * @property hooks.creditPacksPurchased - Runs after the lots are written (and released when
 * paid), before the events: receives `{ order_id, lots, released_lot_ids, additional_data }`,
 * also on the second run at `payment.captured` and on a redelivery (then `released_lot_ids`
 * says what this run made available). Throwing undoes this run's writes.
 */
export const grantPurchasedCreditsWorkflow = createWorkflow(
  grantPurchasedCreditsWorkflowId,
  (input: GrantPurchasedCreditsWorkflowInput) => {
    const collected = collectOrderCreditPacksStep(transform({ input }, ({ input }) => ({ order_id: input.order_id })))
    const granted = grantPurchasedLotsStep(collected)
    linkOrderLotsStep(
      transform({ collected, granted }, ({ collected, granted }) => ({
        order_id: collected.order?.id ?? null,
        lot_ids: granted.outcomes.map((o) => o.lot_id),
      }))
    )
    const released = when({ collected, granted }, ({ collected, granted }) => collected.release && granted.outcomes.length > 0).then(
      () => releasePurchasedLotsStep(transform({ granted }, ({ granted }) => ({ line_item_ids: granted.outcomes.map((o) => o.line_item_id) })))
    )
    const purchased = transform({ input, granted, released }, ({ input, granted, released }): GrantPurchasedCreditsResult => {
      const done = new Map((released ?? []).filter((r) => !r.replayed).map((r) => [r.lot.id, r.lot.status]))
      return {
        order_id: input.order_id,
        lots: granted.outcomes.map((o) => ({ ...o, status: done.get(o.lot_id) ?? o.status })),
        released_lot_ids: [...done.keys()],
      }
    })
    const creditPacksPurchased = createHook("creditPacksPurchased", {
      order_id: purchased.order_id,
      lots: purchased.lots,
      released_lot_ids: purchased.released_lot_ids,
      additional_data: input.additional_data,
    })
    emitIapEventsStep(
      transform({ granted, released }, ({ granted, released }) => {
        const events: IapEventMessage[] = [...granted.account_events]
        for (const r of released ?? []) {
          events.push(
            ...eventsOf(
              r,
              r.transaction
                ? { name: IapEvents.CREDITS_GRANTED, data: { id: r.transaction.id, account_id: r.account.id, lot_id: r.lot.id, amount: r.transaction.amount } }
                : null
            )
          )
        }
        return events
      })
    )
    return new WorkflowResponse(purchased, { hooks: [creditPacksPurchased] })
  }
)
