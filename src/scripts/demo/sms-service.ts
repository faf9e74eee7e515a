import { randomUUID } from "crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import { withCredits } from "../../workflows/credits/with-credits"

/** The demo's first-party service: one credit per SMS part of 160 characters. */
export const DEMO_SMS_SERVICE = {
  technical_name: "sms",
  name: "SMS",
  description: "Text messages sent from the store (demo: they are only logged)",
  unit_name: "SMS",
  integer_credits: true,
  trial_credits: 10,
  provider_type: "first_party" as const,
}

/**
 * Creates the `sms` service unless a service of that name exists (then it is left as it is).
 *
 * @example
 * await ensureDemoSmsService(container)
 */
export async function ensureDemoSmsService(container: MedusaContainer): Promise<{ id: string; created: boolean }> {
  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  const existing = await iap.retrieveServiceByName(DEMO_SMS_SERVICE.technical_name).catch((e) => {
    if (e?.type === MedusaError.Types.NOT_FOUND) return null
    throw e
  })
  if (existing) return { id: existing.id, created: false }
  const { service } = await iap.createService(DEMO_SMS_SERVICE)
  return { id: service.id, created: true }
}

export type DemoSms = { to: string; text: string; customer_id: string; sales_channel_id?: string | null }

/**
 * "Sends" an SMS (logs it) paid with credits through `withCredits`: the parts are authorized,
 * the message goes out, then the hold is captured. Had the gateway thrown, the hold would be
 * canceled and nothing charged.
 *
 * @example
 * const { message_id, credits } = await sendDemoSms(container, { to: "+4915112345678", text: "Hi", customer_id })
 */
export async function sendDemoSms(container: MedusaContainer, sms: DemoSms): Promise<{ message_id: string; credits: number }> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const parts = Math.max(1, Math.ceil(sms.text.length / 160))
  const messageId = `sms_${randomUUID()}`
  await withCredits(
    container,
    {
      service: DEMO_SMS_SERVICE.technical_name,
      customer_id: sms.customer_id,
      sales_channel_id: sms.sales_channel_id ?? null,
      credits: parts,
      idempotency_key: messageId,
      description: `SMS to ${sms.to}`,
    },
    async (hold) => {
      // A real service would call its SMS gateway here.
      logger.info(`demo sms: ${messageId} to ${sms.to} (${parts} part(s), hold ${hold.id}): ${sms.text}`)
    }
  )
  return { message_id: messageId, credits: parts }
}
