import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { addShippingMethodToCartWorkflow, linkSalesChannelsToStockLocationWorkflow, updateShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"
import { DIGITAL_FULFILLMENT_PROVIDER_ID } from "../../../providers/digital-fulfillment/service"
import { createDigitalDelivery, DIGITAL_DELIVERY_LOCK, DigitalDelivery, findDigitalDelivery } from "./digital-delivery"

export type DigitalDeliveryOffer = { countries_added: string[]; currencies_added: string[]; sales_channels_added: string[]; enabled_in_store: boolean }

/**
 * Makes the "Instant delivery" option something a storefront can list and pick for a cart of
 * packs in any region: enabled in the store, a geo zone for every country of every region, a
 * price of 0 in every region's currency, and its stock location serving the given sales
 * channels (Medusa lists a cart's options through its sales channel's locations). Only adds
 * what is missing, so it is safe to run on every pack product and region change; a price an
 * operator changed is kept.
 *
 * @example
 * await offerDigitalDeliveryInStore(container, delivery, ["sc_webshop"])
 */
export async function offerDigitalDeliveryInStore(
  container: MedusaContainer,
  delivery: NonNullable<DigitalDelivery>,
  salesChannelIds: string[]
): Promise<DigitalDeliveryOffer> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const regions = await container.resolve(Modules.REGION).listRegions({}, { relations: ["countries"], take: null })
  const countries = [...new Set(regions.flatMap((r) => (r.countries ?? []).map((c) => c.iso_2.toLowerCase())))]
  const currencies = [...new Set(regions.map((r) => r.currency_code.toLowerCase()))]

  const { data: [zone] } = await query.graph({ entity: "service_zone", fields: ["id", "geo_zones.type", "geo_zones.country_code"], filters: { id: delivery.service_zone_id } })
  const covered = new Set(((zone as any)?.geo_zones ?? []).filter((g: any) => g?.type === "country").map((g: any) => String(g.country_code).toLowerCase()))
  const countriesAdded = countries.filter((c) => !covered.has(c))
  if (countriesAdded.length) {
    await fulfillment.createGeoZones(countriesAdded.map((country_code) => ({ service_zone_id: delivery.service_zone_id, type: "country" as const, country_code })))
  }

  const { data: [option] } = await query.graph({
    entity: "shipping_option",
    fields: ["id", "rules.id", "rules.attribute", "rules.operator", "rules.value", "prices.id", "prices.currency_code", "prices.amount", "prices.price_rules.attribute", "prices.price_rules.value"],
    filters: { id: delivery.shipping_option_id },
  })
  // Set up by an earlier version as dashboard-only: switch it on for the store.
  const storeRule = ((option as any)?.rules ?? []).find((r: any) => r?.attribute === "enabled_in_store")
  const enable = !!storeRule && storeRule.value !== "true"
  if (enable) await fulfillment.updateShippingOptionRules([{ id: storeRule.id, attribute: "enabled_in_store", operator: "eq", value: "true" }])

  type Price = { id: string; currency_code: string; amount: number; price_rules?: { attribute: string; value: string }[] }
  const prices = ((option as any)?.prices ?? []).filter(Boolean) as Price[]
  const regionOf = (p: Price) => (p.price_rules ?? []).find((r) => r?.attribute === "region_id")?.value
  const priced = new Set(prices.filter((p) => !regionOf(p)).map((p) => p.currency_code.toLowerCase()))
  const currenciesAdded = currencies.filter((c) => !priced.has(c))
  if (currenciesAdded.length) {
    await updateShippingOptionsWorkflow(container).run({
      input: [{
        id: delivery.shipping_option_id,
        prices: [
          // The workflow replaces the list: keep every price there is (an operator's too).
          ...prices.map((p) => (regionOf(p) ? { id: p.id, region_id: regionOf(p)!, amount: Number(p.amount) } : { id: p.id, currency_code: p.currency_code, amount: Number(p.amount) })),
          ...currenciesAdded.map((currency_code) => ({ currency_code, amount: 0 })),
        ],
      }],
    })
  }

  const { data: [location] } = await query.graph({ entity: "stock_location", fields: ["id", "sales_channels.id"], filters: { id: delivery.location_id } })
  const served = new Set(((location as any)?.sales_channels ?? []).map((c: any) => c?.id))
  const channelsAdded = [...new Set(salesChannelIds)].filter((id) => !served.has(id))
  if (channelsAdded.length) {
    await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: delivery.location_id, add: channelsAdded } })
  }
  return { countries_added: countriesAdded, currencies_added: currenciesAdded, sales_channels_added: channelsAdded, enabled_in_store: enable }
}

/**
 * Digital delivery, set up on first use and offered in the store for the given sales channels
 * (see offerDigitalDeliveryInStore), under the same lock as the first set-up so concurrent pack
 * products add each geo zone and price once. Null with `digitalFulfillment: "disabled"` or
 * when the host has not registered the `iap-digital` provider: pack products then get no
 * shipping profile and need no shipping method. `existingOnly` updates a set-up made before and
 * never makes one (a region change in a store that sells no packs yet).
 *
 * @example
 * const delivery = await ensureDigitalDeliveryOffered(container, ["sc_webshop"])
 */
export async function ensureDigitalDeliveryOffered(
  container: MedusaContainer,
  salesChannelIds: string[],
  { existingOnly = false }: { existingOnly?: boolean } = {}
): Promise<DigitalDelivery> {
  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  if (iap.getOptions().digitalFulfillment === "disabled") return null
  const [provider] = await container.resolve(Modules.FULFILLMENT).listFulfillmentProviders({ id: DIGITAL_FULFILLMENT_PROVIDER_ID })
  if (!provider) return null
  return await container.resolve(Modules.LOCKING).execute(
    DIGITAL_DELIVERY_LOCK,
    async () => {
      const found = await findDigitalDelivery(container)
      const delivery = found ?? (existingOnly ? null : await createDigitalDelivery(container))
      if (delivery) await offerDigitalDeliveryInStore(container, delivery, salesChannelIds)
      return delivery
    },
    { timeout: 30 }
  )
}

/**
 * Gives a cart the free "Instant delivery" when it holds pack lines that ship and has no method
 * of the packs' shipping profile yet: for carts the plugin completes itself (auto-recharge),
 * where no customer goes through a delivery step. Idempotent; nothing without digital delivery.
 *
 * @example
 * await addInstantDeliveryToCart(container, "cart_1")
 */
export async function addInstantDeliveryToCart(container: MedusaContainer, cartId: string): Promise<void> {
  const found = await findDigitalDelivery(container)
  if (!found) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["id", "sales_channel_id", "items.requires_shipping", "items.variant.product.shipping_profile.id", "shipping_methods.shipping_option_id"],
    filters: { id: cartId },
  })
  const ships = ((cart as any)?.items ?? []).some((i: any) => i?.requires_shipping && i.variant?.product?.shipping_profile?.id === found.shipping_profile_id)
  const has = ((cart as any)?.shipping_methods ?? []).some((m: any) => m?.shipping_option_id === found.shipping_option_id)
  if (!ships || has) return
  // The plugin's carts may be in a channel no pack product named (a recharge uses the store's
  // default channel for an unrestricted account): Medusa lists options by the channel's locations.
  const delivery = await ensureDigitalDeliveryOffered(container, [(cart as any).sales_channel_id].filter(Boolean), { existingOnly: true })
  if (!delivery) return
  await addShippingMethodToCartWorkflow(container).run({ input: { cart_id: cartId, options: [{ id: delivery.shipping_option_id }] } })
}
