import type { Logger, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { DEMO, EnsureOutcome } from "./config"

type Named = { id: string; name: string }

function report(logger: Logger, what: string, outcome: EnsureOutcome, id: string) {
  logger.info(`demo seed: ${what} ${outcome} (${id})`)
}

/**
 * Creates the demo sales channels that do not exist yet (matched by name).
 *
 * @example
 * const channels = await ensureSalesChannels(container) // { Webshop: { id, name }, ... }
 */
export async function ensureSalesChannels(container: MedusaContainer): Promise<Record<string, Named>> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const names = DEMO.salesChannels.map((c) => c.name)
  const existing = await salesChannels.listSalesChannels({ name: names })
  const missing = DEMO.salesChannels.filter((c) => !existing.some((e) => e.name === c.name))
  const created = missing.length
    ? (await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [...missing] } })).result
    : []
  const byName: Record<string, Named> = {}
  for (const channel of [...existing, ...created]) {
    if (byName[channel.name]) continue
    byName[channel.name] = { id: channel.id, name: channel.name }
    report(logger, `sales channel "${channel.name}"`, created.includes(channel) ? "created" : "reused", channel.id)
  }
  return byName
}

/**
 * Creates the demo regions that do not exist yet (matched by name), paid with the system
 * payment provider, and a tax region per country.
 *
 * @example
 * const regions = await ensureRegions(container) // { Europe: { id, name }, ... }
 */
export async function ensureRegions(container: MedusaContainer): Promise<Record<string, Named>> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const regionModule = container.resolve(Modules.REGION)
  const existing = await regionModule.listRegions({ name: { $in: DEMO.regions.map((r) => r.name) } })
  const missing = DEMO.regions.filter((r) => !existing.some((e) => e.name === r.name))
  const created = missing.length
    ? (
        await createRegionsWorkflow(container).run({
          input: {
            regions: missing.map((r) => ({
              name: r.name,
              currency_code: r.currency_code,
              countries: [...r.countries],
              payment_providers: ["pp_system_default"],
            })),
          },
        })
      ).result
    : []
  const byName: Record<string, Named> = {}
  for (const region of [...existing, ...created]) {
    byName[region.name] = { id: region.id, name: region.name }
    report(logger, `region "${region.name}"`, created.includes(region) ? "created" : "reused", region.id)
  }
  await ensureTaxRegions(container, DEMO.regions.flatMap((r) => [...r.countries]))
  return byName
}

/**
 * Creates a tax region (system provider, no default rate) for each country without one.
 *
 * @example
 * await ensureTaxRegions(container, ["de", "us"])
 */
export async function ensureTaxRegions(container: MedusaContainer, countries: string[]): Promise<void> {
  const tax = container.resolve(Modules.TAX)
  const existing = await tax.listTaxRegions({ country_code: countries })
  // Province-level tax regions have a parent; only country-level ones count here.
  const missing = countries.filter((c) => !existing.some((t) => t.country_code === c && !t.parent_id))
  if (missing.length) {
    await createTaxRegionsWorkflow(container).run({
      input: missing.map((country_code) => ({ country_code, provider_id: "tp_system" })),
    })
  }
}

/**
 * Creates the demo stock location when missing and makes it serve every given channel.
 *
 * @example
 * const location = await ensureStockLocation(container, [webshop.id])
 */
export async function ensureStockLocation(container: MedusaContainer, salesChannelIds: string[]): Promise<Named> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "stock_location",
    fields: ["id", "name", "sales_channels.id"],
    filters: { name: DEMO.stockLocation.name },
  })
  let location: Named | undefined = data[0] && { id: data[0].id, name: data[0].name }
  const linked = new Set((data[0]?.sales_channels ?? []).map((sc: { id: string } | null) => sc?.id))
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: { locations: [{ name: DEMO.stockLocation.name, address: { ...DEMO.stockLocation.address } }] },
    })
    location = { id: result[0].id, name: result[0].name }
  }
  const add = salesChannelIds.filter((id) => !linked.has(id))
  if (add.length) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add } })
  }
  report(logger, `stock location "${location.name}"`, data[0] ? (add.length ? "updated" : "reused") : "created", location.id)
  return location
}

/**
 * Makes the store use the demo name, EUR (default) + USD, and the given defaults; writes
 * only when something differs, so a second run changes nothing.
 *
 * @example
 * await ensureStore(container, { salesChannelId: webshop.id, regionId: europe.id, locationId })
 */
export async function ensureStore(
  container: MedusaContainer,
  defaults: { salesChannelId: string; regionId: string; locationId: string }
): Promise<Named> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores({}, { relations: ["supported_currencies"] })
  const currencies = (store.supported_currencies ?? [])
    .map((c) => `${c.currency_code}:${c.is_default}`)
    .sort()
    .join(",")
  const wanted = DEMO.currencies.map((c) => `${c.currency_code}:${c.is_default}`).sort().join(",")
  const upToDate =
    store.name === DEMO.storeName &&
    currencies === wanted &&
    store.default_sales_channel_id === defaults.salesChannelId &&
    store.default_region_id === defaults.regionId &&
    store.default_location_id === defaults.locationId
  if (!upToDate) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          name: DEMO.storeName,
          supported_currencies: DEMO.currencies.map((c) => ({ ...c })),
          default_sales_channel_id: defaults.salesChannelId,
          default_region_id: defaults.regionId,
          default_location_id: defaults.locationId,
        },
      },
    })
  }
  report(logger, `store "${DEMO.storeName}"`, upToDate ? "reused" : "updated", store.id)
  return { id: store.id, name: DEMO.storeName }
}

/**
 * Makes one publishable API key per sales channel (titled like the channel), linked to it.
 *
 * @example
 * const keys = await ensurePublishableKeys(container, channels)
 * keys[0] // { sales_channel: "Webshop", sales_channel_id: "sc_...", id: "apk_...", token: "pk_..." }
 */
export async function ensurePublishableKeys(
  container: MedusaContainer,
  channels: Record<string, Named>
): Promise<PublishableKeySummary[]> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const out: PublishableKeySummary[] = []
  for (const channel of Object.values(channels)) {
    const { data } = await query.graph({
      entity: "api_key",
      fields: ["id", "token", "title", "revoked_at", "sales_channels.id"],
      filters: { type: "publishable", title: channel.name },
    })
    const live = data.find((k) => !k.revoked_at)
    let key = live ? { id: live.id, token: live.token } : undefined
    if (!key) {
      const { result } = await createApiKeysWorkflow(container).run({
        input: { api_keys: [{ title: channel.name, type: "publishable", created_by: "" }] },
      })
      key = { id: result[0].id, token: result[0].token }
    }
    const isLinked = (live?.sales_channels ?? []).some((sc: { id: string } | null) => sc?.id === channel.id)
    if (!isLinked) {
      await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })
    }
    report(logger, `publishable key for "${channel.name}"`, live ? (isLinked ? "reused" : "updated") : "created", key.id)
    out.push({ sales_channel: channel.name, sales_channel_id: channel.id, id: key.id, token: key.token })
  }
  return out
}

export type PublishableKeySummary = {
  sales_channel: string
  sales_channel_id: string
  id: string
  token: string
}
