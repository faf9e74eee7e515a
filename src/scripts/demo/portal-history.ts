import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import { clock } from "../../modules/iap/utils/clock"
import { ensureDemoSmsService } from "./sms-service"

const DAY_MS = 24 * 3600 * 1000
/** SMS sent per day, cycled over the 43 days of history (0 = a quiet day). */
const DAILY_SMS = [12, 8, 15, 4, 9, 0, 6, 11, 7, 3]
const HISTORY_DAYS = 43

export type PortalHistorySummary = { sms_account_id: string; letters_account_id: string | null }

/**
 * Gives the demo customer a portal worth looking at: an `sms` account with six weeks of history
 * (trial credits, a bonus that expired half used, a paid top-up, daily use) and a low-balance
 * threshold it has crossed, plus, when the `snailmail` service exists, a postal-mail account
 * restricted to the "B2B portal" channel with a little use.
 *
 * Idempotent: every ledger write has a fixed idempotency key (a second run only replays), and
 * the threshold is set only while none is. History is written with the module clock moved
 * back, so rows carry their dates in the past; the clock is always put back.
 *
 * @example
 * await ensurePortalHistory(container, { customerId: customer.id, b2bSalesChannelId: channels["B2B portal"].id })
 */
export async function ensurePortalHistory(
  container: MedusaContainer,
  input: { customerId: string; b2bSalesChannelId?: string | null }
): Promise<PortalHistorySummary> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  const sms = await ensureDemoSmsService(container)
  const today = new Date()
  today.setUTCHours(9, 0, 0, 0)
  const at = (daysAgo: number, minutes = 0) => clock.set(new Date(today.getTime() - daysAgo * DAY_MS + minutes * 60_000))
  try {
    at(45)
    const { account } = await iap.resolveAccount({ service_id: sms.id, customer_id: input.customerId })
    if (account.warning_threshold === null) await iap.updateAccount(account.id, { warning_threshold: 50 })
    at(45, 5)
    await iap.grantCredits({
      account_id: account.id, amount: 80, category: "promotional", expires_after_days: 10,
      idempotency_key: "demo-portal:bonus", description: "Spring campaign bonus (valid 10 days)",
    })
    at(44, 60)
    await iap.grantCredits({
      account_id: account.id, amount: 300, category: "paid", unit_price: 0.08, currency_code: "eur",
      idempotency_key: "demo-portal:top-up", description: "Top-up by bank transfer: 300 SMS",
    })
    for (let i = 0; i < HISTORY_DAYS; i++) {
      const daysAgo = HISTORY_DAYS - i
      if (daysAgo === 35) {
        // The bonus runs out before the day's messages: its unused part expires.
        at(35, 30)
        await iap.expireAccountLots(account.id)
      }
      const count = DAILY_SMS[i % DAILY_SMS.length]
      if (!count) continue
      at(daysAgo, 60 + i)
      await iap.debitCredits({
        account_id: account.id, amount: count, idempotency_key: `demo-portal:sms-${i}`,
        description: `Order confirmations: ${count} SMS`, reference_type: "demo_sms_batch", reference_id: `batch-${i}`,
      })
    }
    const letters = input.b2bSalesChannelId ? await ensureLettersAccount(iap, input.customerId, input.b2bSalesChannelId, at) : null
    const summary = { sms_account_id: account.id, letters_account_id: letters }
    logger.info(`demo seed: portal history for customer ${input.customerId} (${JSON.stringify(summary)})`)
    return summary
  } finally {
    clock.reset()
  }
}

/** A postal-mail account restricted to the B2B channel, when the `snailmail` service exists. */
async function ensureLettersAccount(
  iap: IapModuleService,
  customerId: string,
  channelId: string,
  at: (daysAgo: number, minutes?: number) => void
): Promise<string | null> {
  const service = await iap.retrieveServiceByName("snailmail").catch((e) => {
    if (e?.type === MedusaError.Types.NOT_FOUND) return null
    throw e
  })
  if (!service || service.status !== "active") return null
  at(30)
  const existing = await iap.findResolvedAccount({ service_id: service.id, customer_id: customerId, sales_channel_id: channelId })
  const id = existing?.sales_channel_ids.includes(channelId)
    ? existing.id
    : (await iap.createAccount({ service_id: service.id, customer_id: customerId, sales_channel_ids: [channelId] })).account.id
  await iap.grantCredits({
    account_id: id, amount: 20, category: "paid", idempotency_key: "demo-portal:letters",
    description: "Top-up by bank transfer: 20 letters",
  })
  for (const [daysAgo, letters] of [[12, 2], [5, 1]] as const) {
    at(daysAgo, 120)
    await iap.debitCredits({
      account_id: id, amount: letters, idempotency_key: `demo-portal:letters-${daysAgo}`,
      description: `Invoice reminders: ${letters} letter(s)`,
    })
  }
  return id
}
