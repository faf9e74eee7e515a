import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { offerDigitalDeliveryWorkflow } from "../workflows/packs/offer-digital-delivery"

/** A region added or changed: "Instant delivery" gets its geo zones and free price there too (idempotent). */
export default async function iapRegionChangedHandler({ container }: SubscriberArgs<{ id: string }>) {
  await offerDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids: [], existing_only: true } })
}

export const config: SubscriberConfig = {
  event: ["region.created", "region.updated"],
  context: { subscriberId: "iap-offer-digital-delivery-in-regions" },
}
