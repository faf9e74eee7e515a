import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { clawbackOrderCreditsWorkflow } from "../workflows/refunds/clawback-order-credits"

/** A received return of credit packs takes back exactly those packs' credits. */
export default async function iapOrderReturnReceivedHandler({ event, container }: SubscriberArgs<{ order_id: string; return_id: string }>) {
  await clawbackOrderCreditsWorkflow(container).run({ input: { order_id: event.data.order_id } })
}

export const config: SubscriberConfig = {
  event: "order.return_received",
  context: { subscriberId: "iap-order-return-received" },
}
