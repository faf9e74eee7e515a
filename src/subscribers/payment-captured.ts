import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { releasePurchasedCreditsWorkflow } from "../workflows/release-purchased-credits"

/** Credits bought with a captured payment become available. */
export default async function iapPaymentCapturedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  await releasePurchasedCreditsWorkflow(container).run({ input: { payment_id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "iap-payment-captured" },
}
