import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { PurchasedLotOutcome } from "../../../types"
import { accountResolvedEvents, type IapEventMessage } from "../../events"
import { purchaseKeys } from "../utils/credit-packs"
import type { CollectedOrderPacks } from "./collect-order-credit-packs"
import { iapModule } from "../../common/steps/utils"

export const grantPurchasedLotsStepId = "iap-grant-purchased-lots"

/**
 * One `pending` lot per credit-pack line (credits × quantity, the line's unit price and the
 * order's currency) on the account resolved for (service, order customer, order sales
 * channel). A line that already has its lot (looked up by `source_id` = line item id, then
 * guarded by the idempotency key `purchase:<line item id>`) is not granted again.
 *
 * No compensation on purpose: the lots are keyed by line item, so a failed run is completed
 * by the next delivery; voiding them would make that impossible (one lot per line item).
 *
 * @example
 * const granted = grantPurchasedLotsStep(collectOrderCreditPacksStep({ order_id }))
 */
export const grantPurchasedLotsStep = createStep(
  grantPurchasedLotsStepId,
  async (input: CollectedOrderPacks, { container }) => {
    const iap = iapModule(container)
    const { order, lines } = input
    const outcomes: PurchasedLotOutcome[] = []
    /** `iap.account.created` and trial `iap.credits.granted` of the accounts made on the way. */
    const account_events: IapEventMessage[] = []
    // A canceled order gets nothing; an order without a customer (e.g. a draft order for a
    // guest) has no holder to credit: the cart hook refuses that at checkout.
    if (!order || order.status === "canceled" || !order.customer_id || !lines.length) {
      return new StepResponse({ outcomes, account_events })
    }
    const existing = await iap.listIapCreditLots({ source_type: "purchase", source_id: lines.map((l) => l.line_item_id) })
    const bySource = new Map(existing.map((l) => [l.source_id, l]))
    for (const line of lines) {
      const lot = bySource.get(line.line_item_id)
      if (lot) {
        outcomes.push({ line_item_id: line.line_item_id, lot_id: lot.id, account_id: (lot as any).account_id, status: lot.status, credits: Number(line.total_credits) })
        continue
      }
      const resolved = await iap.resolveAccount({
        service_id: line.pack.service_id,
        customer_id: order.customer_id,
        sales_channel_id: order.sales_channel_id,
      })
      account_events.push(...accountResolvedEvents(resolved))
      const res = await iap.grantCredits({
        account_id: resolved.account.id,
        amount: line.total_credits,
        status: "pending",
        category: line.pack.category,
        source_type: "purchase",
        source_id: line.line_item_id,
        unit_price: line.unit_price,
        currency_code: order.currency_code,
        expires_after_days: line.pack.expires_after_days,
        idempotency_key: purchaseKeys.grant(line.line_item_id),
        reference_type: "order",
        reference_id: order.id,
        description: `Order #${order.display_id ?? order.id}: ${line.quantity} × ${line.title}`,
        actor_type: "customer",
        actor_id: order.customer_id,
      })
      outcomes.push({ line_item_id: line.line_item_id, lot_id: res.lot.id, account_id: res.account.id, status: res.lot.status, credits: res.lot.initial_amount })
    }
    return new StepResponse({ outcomes, account_events })
  }
)
