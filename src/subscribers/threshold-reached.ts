import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { IapEvents } from "../workflows/events"
import { sendThresholdWarningWorkflow } from "../workflows/accounts/send-threshold-warning"

type ThresholdReached = { id: string; service: string; customer_id: string | null; available: number }

/**
 * `iap.account.threshold_reached` → the low-balance emails of that crossing. The event's group
 * (one per workflow run that crossed) names the crossing, so a redelivery sends nothing twice.
 */
export default async function thresholdReachedHandler({ event, container }: SubscriberArgs<ThresholdReached>) {
  const meta = (event.metadata ?? {}) as { eventGroupId?: string; created_at?: string | Date }
  const origin = meta.eventGroupId ?? (meta.created_at ? new Date(meta.created_at).toISOString() : null)
  await sendThresholdWarningWorkflow(container).run({
    input: {
      account_id: event.data.id,
      crossing_id: origin ? `${origin}:${event.data.available}` : null,
      available: event.data.available,
    },
  })
}

export const config: SubscriberConfig = {
  event: IapEvents.THRESHOLD_REACHED,
  context: { subscriberId: "iap-threshold-warning" },
}
