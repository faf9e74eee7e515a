import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { grantPurchasedCreditsWorkflow } from "../workflows/grant-purchased-credits"

/** Credit packs of a placed order become lots (pending until the payment is captured). */
export default async function iapOrderPlacedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await grantPurchasedCreditsWorkflow(container).run({ input: { order_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "order.placed",
  context: { subscriberId: "iap-order-placed" },
}
