import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { createShippingOptionsWorkflow } from "@medusajs/medusa/core-flows"
import type { MedusaContainer } from "@medusajs/framework/types"
import { DIGITAL_FULFILLMENT_PROVIDER_ID, INSTANT_DELIVERY_OPTION } from "../../providers/digital-fulfillment/service"

export const ensureDigitalDeliveryStepId = "iap-ensure-digital-delivery"

/** Names of what the plugin sets up once for digital delivery (found again by these). */
export const DIGITAL_DELIVERY = {
  location: "Digital delivery (credit packs)",
  fulfillmentSet: "iap-digital-delivery",
  serviceZone: "Instant delivery",
  shippingProfile: "Digital (credit packs)",
  shippingOption: "Instant delivery",
  optionTypeCode: "iap-instant-delivery",
} as const

export type DigitalDelivery = { shipping_option_id: string; location_id: string } | null

async function find(container: MedusaContainer): Promise<DigitalDelivery> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [set] } = await query.graph({
    entity: "fulfillment_set",
    fields: ["id", "location.id", "service_zones.shipping_options.id", "service_zones.shipping_options.provider_id"],
    filters: { name: DIGITAL_DELIVERY.fulfillmentSet },
  })
  const option = (set?.service_zones ?? []).flatMap((z: any) => z?.shipping_options ?? []).find((o: any) => o?.provider_id === DIGITAL_FULFILLMENT_PROVIDER_ID)
  const locationId = (set as any)?.location?.id
  return option && locationId ? { shipping_option_id: option.id, location_id: locationId } : null
}

async function create(container: MedusaContainer): Promise<DigitalDelivery> {
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
  const [profile] =
    (await fulfillment.listShippingProfiles({ name: DIGITAL_DELIVERY.shippingProfile })).length > 0
      ? await fulfillment.listShippingProfiles({ name: DIGITAL_DELIVERY.shippingProfile })
      : await fulfillment.createShippingProfiles([{ name: DIGITAL_DELIVERY.shippingProfile, type: "digital" }])
  // Admin-only for now (`enabled_in_store: false`, no geo zone): a storefront "Instant delivery"
  // choice needs geo zones and the packs' shipping profile, which the storefront set-up adds.
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
        { attribute: "enabled_in_store", value: "false", operator: "eq" },
        { attribute: "is_return", value: "false", operator: "eq" },
      ],
    }],
  })
  return { shipping_option_id: option.id, location_id: location.id }
}

/**
 * The shipping option and stock location credit packs are fulfilled with, set up on first use
 * (a stock location, a fulfilment set with one service zone and an "Instant delivery" option of
 * the plugin's `iap-digital` provider), under a lock so concurrent first uses set it up once.
 * Null when the host has not registered the provider: digital fulfilment is then skipped.
 *
 * @example
 * const delivery = ensureDigitalDeliveryStep()
 */
export const ensureDigitalDeliveryStep = createStep(ensureDigitalDeliveryStepId, async (_: void, { container }) => {
  const [provider] = await container.resolve(Modules.FULFILLMENT).listFulfillmentProviders({ id: DIGITAL_FULFILLMENT_PROVIDER_ID })
  if (!provider) return new StepResponse<DigitalDelivery>(null)
  const found = await find(container)
  if (found) return new StepResponse<DigitalDelivery>(found)
  const delivery = await container
    .resolve(Modules.LOCKING)
    .execute(ensureDigitalDeliveryStepId, async () => (await find(container)) ?? (await create(container)), { timeout: 30 })
  return new StepResponse<DigitalDelivery>(delivery)
})
