import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  createProductsWorkflow,
  createRegionsWorkflow,
  createShippingOptionsWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateRegionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { DIGITAL_FULFILLMENT_PROVIDER_ID } from "../../src/providers/digital-fulfillment/service"
import { DIGITAL_DELIVERY } from "../../src/workflows/packs/utils/digital-delivery"
import { CheckoutFixtures, nextDelivery, seedCheckoutFixtures, signUp, storefront } from "./helpers/checkout-fixtures"
import { captureOrder } from "./helpers/refund-fixtures"

jest.setTimeout(240_000)

const NOT_SATISFIED = "The cart items require shipping profiles that are not satisfied by the current shipping methods"

/**
 * A store like the demo (Europe in EUR, United States in USD) that also sells a T-shirt with a
 * paid "Standard shipping": what a storefront's delivery step is offered per cart, and that
 * packs bought with the free "Instant delivery" complete through Medusa's real
 * completeCartWorkflow and fulfil themselves at capture.
 */
async function seedStore(container: MedusaContainer, api: any, f: CheckoutFixtures) {
  // Added after the pack product: the region subscriber extends "Instant delivery" to it.
  const created = nextDelivery(container, "region.created")
  const { result: [us] } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "United States", currency_code: "usd", countries: ["us"], payment_providers: ["pp_system_default"] }] },
  })
  await created
  const { data } = await api.post(
    "/admin/iap/packs/products",
    {
      service_id: f.service.id,
      title: "SMS credits (world)",
      sales_channel_ids: [f.webshop.id],
      packs: [{ credits: 1000, prices: [{ currency_code: "eur", amount: 75 }, { currency_code: "usd", amount: 85 }] }],
    },
    f.adminHeaders
  )
  const worldPack = data.packs[0].product_variant.id as string

  // The store's own goods: a warehouse serving the webshop, "Standard shipping" in DE and US.
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const { result: [warehouse] } = await createStockLocationsWorkflow(container).run({ input: { locations: [{ name: "Warehouse" }] } })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: warehouse.id, add: [f.webshop.id] } })
  const [set] = await fulfillment.createFulfillmentSets([{
    name: "Warehouse shipping", type: "shipping",
    service_zones: [{ name: "DE + US", geo_zones: [{ type: "country", country_code: "de" }, { type: "country", country_code: "us" }] }],
  }])
  await link.create([
    { [Modules.STOCK_LOCATION]: { stock_location_id: warehouse.id }, [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" } },
    { [Modules.STOCK_LOCATION]: { stock_location_id: warehouse.id }, [Modules.FULFILLMENT]: { fulfillment_set_id: set.id } },
  ])
  const [goods] = await fulfillment.createShippingProfiles([{ name: "Default", type: "default" }])
  await createShippingOptionsWorkflow(container).run({
    input: [{
      name: "Standard shipping", service_zone_id: set.service_zones[0].id, shipping_profile_id: goods.id, provider_id: "manual_manual",
      price_type: "flat", prices: [{ currency_code: "eur", amount: 5 }, { currency_code: "usd", amount: 6 }],
      type: { label: "Standard", description: "2-3 days", code: "standard" }, data: {},
      rules: [{ attribute: "enabled_in_store", value: "true", operator: "eq" }, { attribute: "is_return", value: "false", operator: "eq" }],
    }],
  })
  const { result: [shirt] } = await createProductsWorkflow(container).run({
    input: {
      products: [{
        title: "T-shirt", status: "published", shipping_profile_id: goods.id, sales_channels: [{ id: f.webshop.id }], options: [{ title: "Size", values: ["M"] }],
        variants: [{ title: "M", options: { Size: "M" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 20 }, { currency_code: "usd", amount: 22 }] }],
      }],
    },
  })
  return { us, worldPack, shirt: shirt.variants[0].id }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: CheckoutFixtures
    let store: Awaited<ReturnType<typeof seedStore>>

    beforeEach(async () => {
      f = await seedCheckoutFixtures(getContainer(), api)
      store = await seedStore(getContainer(), api, f)
    })

    const options = async (sdk: ReturnType<typeof storefront>, cartId: string) =>
      (await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })).shipping_options
        .map((o) => ({ name: o.name, amount: o.amount, provider_id: o.provider_id }))
        .sort((a, b) => a.name.localeCompare(b.name))
    const cartWith = async (sdk: ReturnType<typeof storefront>, regionId: string, country: string, items: { variant_id: string; quantity: number }[]) => {
      let { cart } = await sdk.store.cart.create({ region_id: regionId })
      // The starter's address step comes first: options are listed for the address's country.
      ;({ cart } = await sdk.store.cart.update(cart.id, { shipping_address: { first_name: "Carla", last_name: "Customer", address_1: "Main street 1", city: "Town", postal_code: "12345", country_code: country } }))
      for (const item of items) ({ cart } = await sdk.store.cart.createLineItem(cart.id, item))
      return cart
    }
    const complete = async (sdk: ReturnType<typeof storefront>, cartId: string) => {
      const { cart } = await sdk.store.cart.retrieve(cartId)
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const placed = nextDelivery(getContainer(), "order.placed")
      const done = await sdk.store.cart.complete(cartId)
      if (done.type !== "order") throw new Error(JSON.stringify(done.error))
      await placed
      return done.order
    }
    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=id,total,fulfillment_status,*items,*fulfillments,*shipping_methods`, f.adminHeaders)).data.order

    it("offers the pack products' free Instant delivery in the store in every region, on the packs' own shipping profile", async () => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [option] } = await query.graph({
        entity: "shipping_option",
        fields: ["id", "name", "shipping_profile.name", "rules.attribute", "rules.value", "prices.currency_code", "prices.amount", "service_zone.geo_zones.country_code"],
        filters: { provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID },
      })
      expect(option.name).toBe("Instant delivery")
      expect((option as any).shipping_profile.name).toBe(DIGITAL_DELIVERY.shippingProfile)
      expect(Object.fromEntries((option as any).rules.map((r: any) => [r.attribute, r.value]))).toEqual({ enabled_in_store: "true", is_return: "false" })
      expect((option as any).prices.map((p: any) => [p.currency_code, p.amount]).sort()).toEqual([["eur", 0], ["usd", 0]])
      expect((option as any).service_zone.geo_zones.map((g: any) => g.country_code).sort()).toEqual(["de", "us"])
      const { data: products } = await query.graph({ entity: "product", fields: ["title", "shipping_profile.name"], filters: { title: ["SMS credits", "SMS credits (world)"] } })
      expect(products.map((p: any) => [p.title, p.shipping_profile?.name]).sort((a, b) => a[0].length - b[0].length)).toEqual([
        ["SMS credits", DIGITAL_DELIVERY.shippingProfile],
        ["SMS credits (world)", DIGITAL_DELIVERY.shippingProfile],
      ])

      // A country added to a region later gets its geo zone too.
      const updated = nextDelivery(getContainer(), "region.updated")
      await updateRegionsWorkflow(getContainer()).run({ input: { selector: { id: f.region.id }, update: { countries: ["de", "fr"] } } })
      await updated
      const { data: [again] } = await query.graph({ entity: "shipping_option", fields: ["service_zone.geo_zones.country_code"], filters: { id: option.id } })
      expect((again as any).service_zone.geo_zones.map((g: any) => g.country_code).sort()).toEqual(["de", "fr", "us"])
    })

    it("a packs-only cart in each region lists exactly Instant delivery at 0, completes with it and is fulfilled at capture", async () => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "delivery@iap.test")
      for (const [regionId, country, price] of [[f.region.id, "de", 75], [store.us.id, "us", 85]] as const) {
        const cart = await cartWith(sdk, regionId, country, [{ variant_id: store.worldPack, quantity: 1 }])
        expect(cart.items!.map((i) => i.requires_shipping)).toEqual([true])
        const listed = await options(sdk, cart.id)
        expect(listed).toEqual([{ name: "Instant delivery", amount: 0, provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID }])

        // Without a delivery method Medusa refuses the cart, as for any item that ships.
        await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
        const refused: any = await sdk.store.cart.complete(cart.id).catch((e) => e)
        expect([refused.status, refused.message]).toEqual([400, "No shipping method selected but the cart contains items that require shipping."])

        const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cart.id })
        await sdk.store.cart.addShippingMethod(cart.id, { option_id: shipping_options[0].id })
        const order = await complete(sdk, cart.id)
        const placed = await adminOrder(order.id)
        expect([placed.total, placed.fulfillment_status, placed.shipping_methods.map((m: any) => [m.name, m.amount])]).toEqual([
          price, "not_fulfilled", [["Instant delivery", 0]],
        ])

        await captureOrder(getContainer(), api, f, order.id)
        const fulfilled = await adminOrder(order.id)
        expect(fulfilled.fulfillment_status).toBe("fulfilled")
        expect(fulfilled.fulfillments.map((x: any) => [x.provider_id, x.shipping_option_id])).toEqual([[DIGITAL_FULFILLMENT_PROVIDER_ID, shipping_options[0].id]])
      }
      const [row] = await f.iap.listIapAccounts({ customer_id: customer.id }, { select: ["id"] })
      expect((await f.iap.listAccountsByIds([row.id]))[0]).toMatchObject({ balance: 2005, available: 2005, pending: 0 })
    })

    it("a T-shirt cart lists only Standard shipping; a mixed cart lists both and needs both to complete", async () => {
      const sdk = storefront(api, f.keys.webshop)
      await signUp(sdk, "mixed@iap.test")
      const shirtOnly = await cartWith(sdk, f.region.id, "de", [{ variant_id: store.shirt, quantity: 1 }])
      expect(await options(sdk, shirtOnly.id)).toEqual([{ name: "Standard shipping", amount: 5, provider_id: "manual_manual" }])

      const mixed = await cartWith(sdk, store.us.id, "us", [{ variant_id: store.shirt, quantity: 1 }, { variant_id: store.worldPack, quantity: 1 }])
      expect(await options(sdk, mixed.id)).toEqual([
        { name: "Instant delivery", amount: 0, provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID },
        { name: "Standard shipping", amount: 6, provider_id: "manual_manual" },
      ])
      const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: mixed.id })
      const byName = (name: string) => shipping_options.find((o) => o.name === name)!.id
      await sdk.store.cart.addShippingMethod(mixed.id, { option_id: byName("Standard shipping") })
      const { cart } = await sdk.store.cart.retrieve(mixed.id)
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const refused: any = await sdk.store.cart.complete(mixed.id).catch((e) => e)
      expect([refused.status, refused.message]).toEqual([400, NOT_SATISFIED])

      // Picking Instant delivery adds it next to Standard shipping (a method per shipping profile).
      await sdk.store.cart.addShippingMethod(mixed.id, { option_id: byName("Instant delivery") })
      const order = await complete(sdk, mixed.id)
      expect((await adminOrder(order.id)).shipping_methods.map((m: any) => [m.name, m.amount]).sort()).toEqual([["Instant delivery", 0], ["Standard shipping", 6]])
      await captureOrder(getContainer(), api, f, order.id)
      const read = await adminOrder(order.id)
      expect(read.fulfillment_status).toBe("partially_fulfilled")
      expect(read.items.map((i: any) => [i.variant_id, i.detail.fulfilled_quantity]).sort()).toEqual([[store.shirt, 0], [store.worldPack, 1]].sort())
    })
  },
})
