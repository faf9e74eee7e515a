import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import { DIGITAL_FULFILLMENT_PROVIDER_ID, INSTANT_DELIVERY_OPTION } from "../../../providers/digital-fulfillment/service"

/** Names of what the plugin sets up once for digital delivery (found again by these). */
export const DIGITAL_DELIVERY = {
  location: "Digital delivery (credit packs)",
  fulfillmentSet: "iap-digital-delivery",
  serviceZone: "Instant delivery",
  shippingProfile: "Digital (credit packs)",
  shippingOption: "Instant delivery",
  optionTypeCode: "iap-instant-delivery",
} as const

/** One lock for setting up and changing digital delivery (first use, pack products, regions). */
export const DIGITAL_DELIVERY_LOCK = "iap-ensure-digital-delivery"

export type DigitalDelivery = { shipping_option_id: string; location_id: string; shipping_profile_id: string; service_zone_id: string } | null

/** The digital delivery set up earlier, or null. */
export async function findDigitalDelivery(container: MedusaContainer): Promise<DigitalDelivery> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [set] } = await query.graph({
    entity: "fulfillment_set",
    fields: [
      "id",
      "location.id",
      "service_zones.shipping_options.id",
      "service_zones.shipping_options.provider_id",
      "service_zones.shipping_options.service_zone_id",
      "service_zones.shipping_options.shipping_profile_id",
    ],
    filters: { name: DIGITAL_DELIVERY.fulfillmentSet },
  })
  const option = (set?.service_zones ?? []).flatMap((z: any) => z?.shipping_options ?? []).find((o: any) => o?.provider_id === DIGITAL_FULFILLMENT_PROVIDER_ID)
  const locationId = (set as any)?.location?.id
  return option && locationId
    ? { shipping_option_id: option.id, location_id: locationId, shipping_profile_id: option.shipping_profile_id, service_zone_id: option.service_zone_id }
    : null
}

/**
 * Sets up digital delivery: a stock location linked to the `iap-digital` provider, a fulfilment
 * set with one service zone, a shipping profile and the "Instant delivery" shipping option.
 *
 * @example
 * const { shipping_option_id, location_id } = (await createDigitalDelivery(container))!
 */
export async function createDigitalDelivery(container: MedusaContainer): Promise<DigitalDelivery> {
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const [location] = await container.resolve(Modules.STOCK_LOCATION).createStockLocations([{ name: DIGITAL_DELIVERY.location }])
  const [set] = await fulfillment.createFulfillmentSets([
    { name: DIGITAL_DELIVERY.fulfillmentSet, type: "iap-digital", service_zones: [{ name: DIGITAL_DELIVERY.serviceZone, geo_zones: [] }] },
  ])
  await link.create([
    { [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID } },
    { [Modules.STOCK_LOCATION]: { stock_location_id: location.id }, [Modules.FULFILLMENT]: { fulfillment_set_id: set.id } },
  ])
  const existing = await fulfillment.listShippingProfiles({ name: DIGITAL_DELIVERY.shippingProfile })
  const [profile] = existing.length ? existing : await fulfillment.createShippingProfiles([{ name: DIGITAL_DELIVERY.shippingProfile, type: "digital" }])
  // Offered in the store: storefronts (Medusa's starters among them) list it for carts with
  // pack lines, so a packs-only cart gets a free delivery step (docs/storefront.md). Geo zones
  // and prices follow the store's regions (offerDigitalDeliveryInStore).
  const { result: [option] } = await createShippingOptionsWorkflow(container).run({
    input: [{
      name: DIGITAL_DELIVERY.shippingOption,
      service_zone_id: set.service_zones[0].id,
      shipping_profile_id: profile.id,
      provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID,
      price_type: "flat",
      prices: [],
      type: { label: "Instant delivery", description: "Credits are added to your account at once.", code: DIGITAL_DELIVERY.optionTypeCode },
      data: { id: INSTANT_DELIVERY_OPTION },
      rules: [
        { attribute: "enabled_in_store", value: "true", operator: "eq" },
        { attribute: "is_return", value: "false", operator: "eq" },
      ],
    }],
  })
  return { shipping_option_id: option.id, location_id: location.id, shipping_profile_id: profile.id, service_zone_id: set.service_zones[0].id }
}

