import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { IapEvents, NO_AUTO_RECHARGE } from "../workflows/events"
import { triggerAutoRecharge } from "../workflows/recharge/trigger-auto-recharge"

/**
 * After any committed change of available credits: start a recharge below the trigger, re-arm above.
 * A debit that found no settings on says so in its event's metadata: nothing to read (docs/rules.md §14).
 */
export default async function iapAutoRechargeTriggerHandler({ event, container }: SubscriberArgs<{ id: string; account_id?: string }>) {
  if (event.metadata?.iap_auto_recharge === NO_AUTO_RECHARGE.iap_auto_recharge) return
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
