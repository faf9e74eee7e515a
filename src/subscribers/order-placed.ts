import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fulfillCreditPacksWorkflow } from "../workflows/packs/fulfill-credit-packs"
import { grantPurchasedCreditsWorkflow } from "../workflows/packs/grant-purchased-credits"

/**
 * Credit packs of a placed order become lots (pending until the payment is captured); lines
 * whose credits are available already (`grantOn: "order_placed"`) are fulfilled.
 */
export default async function iapOrderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const { result } = await grantPurchasedCreditsWorkflow(container).run({ input: { order_id: event.data.id } })
  if (!result.lots.some((l) => l.status === "available")) return
  // The credits are delivered either way: a fulfilment failure is logged, not retried into a grant.
  await fulfillCreditPacksWorkflow(container)
    .run({ input: { order_id: event.data.id } })
    .catch((e) => container.resolve(ContainerRegistrationKeys.LOGGER).warn(`IAP: order ${event.data.id} credit packs not fulfilled: ${e.message}`))
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "iap-order-placed" },
}
