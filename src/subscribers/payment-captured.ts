import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { fulfillCreditPacksWorkflow } from "../workflows/packs/fulfill-credit-packs"
import { releasePurchasedCreditsWorkflow } from "../workflows/packs/release-purchased-credits"

/** Credits bought with a captured payment become available, and their pack lines are fulfilled. */
export default async function iapPaymentCapturedHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const { result } = await releasePurchasedCreditsWorkflow(container).run({ input: { payment_id: event.data.id } })
  if (!result || !result.lots.some((l) => l.status === "available")) return
  // The credits are delivered either way: a fulfilment failure is logged, not retried into a grant.
  await fulfillCreditPacksWorkflow(container)
    .run({ input: { order_id: result.order_id } })
    .catch((e) => container.resolve(ContainerRegistrationKeys.LOGGER).warn(`IAP: order ${result.order_id} credit packs not fulfilled: ${e.message}`))
}

export const config: SubscriberConfig = {
  event: "payment.captured",
  context: { subscriberId: "iap-payment-captured" },
}
