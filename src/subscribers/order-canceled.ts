import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { voidPurchasedCreditsWorkflow } from "../workflows/packs/void-purchased-credits"

/** Credits bought with a canceled order are voided; used credits are reported, not clawed back. */
export default async function iapOrderCanceledHandler({ event, container }: SubscriberArgs<{ id: string }>) {
  const { result } = await voidPurchasedCreditsWorkflow(container).run({ input: { order_id: event.data.id } })
  if (result.shortfall > 0) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`IAP: order ${result.order_id} canceled, ${result.shortfall} credits it bought were already used and could not be voided`)
  }
}

export const config: SubscriberConfig = {
  event: "order.canceled",
  context: { subscriberId: "iap-order-canceled" },
}
