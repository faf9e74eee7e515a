import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { clawbackRefundedPaymentWorkflow } from "../workflows/refunds/clawback-refunded-payment"

/** A refund takes back the bought credits it no longer pays for. */
export default async function iapPaymentRefundedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await clawbackRefundedPaymentWorkflow(container).run({ input: { payment_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "payment.refunded",
  context: { subscriberId: "iap-payment-refunded" },
}
