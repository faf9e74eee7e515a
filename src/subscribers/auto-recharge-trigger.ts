import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { IapEvents } from "../workflows/events"
import { triggerAutoRecharge } from "../workflows/recharge/trigger-auto-recharge"

/** After any committed change of available credits: start a recharge below the trigger, re-arm above. */
export default async function iapAutoRechargeTriggerHandler({ event, container }: SubscriberArgs<{ id: string; account_id?: string }>) {
  if (event.data.account_id) await triggerAutoRecharge(container, event.data.account_id)
}

export const config: SubscriberConfig = {
  event: [
    IapEvents.CREDITS_DEBITED,
    IapEvents.CREDITS_GRANTED,
    IapEvents.HOLD_AUTHORIZED,
    IapEvents.HOLD_CAPTURED,
    IapEvents.HOLD_CANCELED,
    IapEvents.HOLD_EXPIRED,
    IapEvents.LOT_EXPIRED,
  ],
  context: { subscriberId: "iap-auto-recharge-trigger" },
}
