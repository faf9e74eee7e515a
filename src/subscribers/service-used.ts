import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { IapEvents } from "../workflows/events"
import { consumeServiceWorkflow, type ServiceUsedInput } from "../workflows/credits/consume-service"

/**
 * `iap.service.used` → one debit (docs/rules.md rule 9a). Business failures become `iap.charge.failed`
 * inside the workflow, so this never throws for them and the event bus does not retry.
 */
export default async function serviceUsedHandler({ event, container }: SubscriberArgs<ServiceUsedInput>) {
  await consumeServiceWorkflow(container).run({ input: event.data })
}

export const config: SubscriberConfig = {
  event: IapEvents.SERVICE_USED,
  context: { subscriberId: "iap-service-used" },
}
