import fs from "fs"
import path from "path"
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ensureAdminUser, ensureCustomer } from "./demo/accounts"
import {
  ensurePublishableKeys,
  ensureRegions,
  ensureSalesChannels,
  ensureStockLocation,
  ensureStore,
  PublishableKeySummary,
} from "./demo/commerce"
import { DEMO } from "./demo/config"
import { ensureDemoAutoRecharge } from "./demo/auto-recharge"
import { ensurePortalHistory } from "./demo/portal-history"
import { ensureDemoRateCards } from "./demo/rate-cards"
import { ensureServicesAndPacks } from "./demo/services-and-packs"

export * from "./demo/accounts"
export * from "./demo/commerce"
export { DEMO } from "./demo/config"

/** What `.data/demo.json` holds; `scripts/dev.js` prints it. */
export type DemoSummary = {
  seeded_at: string
  store_id: string
  sales_channels: Record<string, string>
  regions: Record<string, string>
  publishable_keys: PublishableKeySummary[]
  admin: { email: string; password: string; id: string }
  customer: { email: string; password: string; id: string }
  /** Service keys of the third-party demo services (the demo storefront's provider reads them). */
  provider_keys: Record<string, string>
}

/**
 * Seeds the demo store idempotently: every part is looked up before it is created, so a
 * second run reuses everything and writes nothing new.
 *
 * @example
 * // npx medusa exec ./src/scripts/seed-demo.ts
 */
export default async function seedDemo({ container }: ExecArgs): Promise<DemoSummary> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  logger.info("demo seed: start")

  const channels = await ensureSalesChannels(container)
  const regions = await ensureRegions(container)
  const channelIds = Object.values(channels).map((c) => c.id)
  const services = await ensureServicesAndPacks(container, channelIds)
  await ensureDemoRateCards(container)
  const location = await ensureStockLocation(container, channelIds)
  const store = await ensureStore(container, {
    salesChannelId: channels[DEMO.salesChannels[0].name].id,
    regionId: regions[DEMO.regions[0].name].id,
    locationId: location.id,
  })
  const publishableKeys = await ensurePublishableKeys(container, channels)
  const admin = await ensureAdminUser(container, { ...DEMO.admin })
  const customer = await ensureCustomer(container, { ...DEMO.customer })
  const history = await ensurePortalHistory(container, { customerId: customer.id, b2bSalesChannelId: channels[DEMO.salesChannels[1].name]?.id })
  await ensureDemoAutoRecharge(container, { customerId: customer.id, accountId: history.sms_account_id, regionId: regions[DEMO.regions[0].name].id })

  const summary: DemoSummary = {
    seeded_at: new Date().toISOString(),
    store_id: store.id,
    sales_channels: Object.fromEntries(Object.values(channels).map((c) => [c.name, c.id])),
    regions: Object.fromEntries(Object.values(regions).map((r) => [r.name, r.id])),
    publishable_keys: publishableKeys,
    admin: { email: DEMO.admin.email, password: DEMO.admin.password, id: admin.id },
    customer: { email: DEMO.customer.email, password: DEMO.customer.password, id: customer.id },
    provider_keys: Object.fromEntries(services.filter((s) => s.key).map((s) => [s.service, s.key!])),
  }
  writeSummary(summary)
  for (const key of publishableKeys) {
    logger.info(`demo seed: publishable key ${key.sales_channel}: ${key.token}`)
  }
  logger.info(`demo seed: done (summary in ${DEMO.summaryFile})`)
  return summary
}

function writeSummary(summary: DemoSummary) {
  const file = path.resolve(process.cwd(), DEMO.summaryFile)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify(summary, null, 2) + "\n")
}
