import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { accountCreditsUrl } from "../../../api/utils/portal"
import type { IapAccountDTO, IapServiceDTO } from "../../../types"
import { IapEvents } from "../../events"

/** The data every `iap-threshold-warning` template receives. */
export type ThresholdWarningData = {
  account_id: string
  service: string
  service_name: string
  unit_name: string
  available: number
  threshold: number
  credits_url: string
}

/**
 * The emails of one crossing, one per recipient (case-insensitive duplicates dropped). Each
 * carries an idempotency key of account, crossing and recipient: the Notification Module skips
 * a key it already sent, so a redelivered event never sends twice.
 *
 * @example
 * thresholdWarnings({ account, service, recipients: ["ops@acme.test"], crossing_id: "01J…:4", available: 4,
 *   template: "iap-threshold-warning", creditsUrlTemplate: "/credits?service={service}&credits={credits}" })
 */
export function thresholdWarnings(input: {
  account: IapAccountDTO
  service: Pick<IapServiceDTO, "name" | "unit_name">
  recipients: string[]
  crossing_id: string | null
  available: number
  template: string
  creditsUrlTemplate: string
}): CreateNotificationDTO[] {
  const { account, available } = input
  if (account.warning_threshold === null) return []
  const data: ThresholdWarningData = {
    account_id: account.id,
    service: account.service,
    service_name: input.service.name,
    unit_name: input.service.unit_name,
    available,
    threshold: account.warning_threshold,
    credits_url: accountCreditsUrl(input.creditsUrlTemplate, { ...account, available }),
  }
  const recipients = [...new Map(input.recipients.map((e) => [e.toLowerCase(), e])).values()]
  return recipients.map((to) => ({
    to,
    channel: "email",
    template: input.template,
    data,
    trigger_type: IapEvents.THRESHOLD_REACHED,
    resource_type: "iap_account",
    resource_id: account.id,
    receiver_id: account.customer_id,
    idempotency_key: input.crossing_id ? `iap-threshold-warning:${account.id}:${input.crossing_id}:${to.toLowerCase()}` : null,
  }))
}
