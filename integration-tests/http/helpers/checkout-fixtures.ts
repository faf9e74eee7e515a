import Medusa from "@medusajs/js-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { TestEventUtils } from "@medusajs/test-utils"
import { IAP_MODULE } from "../../../src/modules/iap"
import type IapModuleService from "../../../src/modules/iap/service"
import { adminSession, channelsWithKeys } from "./portal-fixtures"
import { DIGITAL_FULFILLMENT_PROVIDER_ID } from "../../../src/providers/digital-fulfillment/service"

/**
 * The store the checkout tests buy credits in: sales channels "Webshop" and "B2B portal",
 * each with its publishable key, a EUR region paid with the system provider, an admin with a
 * JWT, the `sms` service (whole credits, 5 trial credits) and a "SMS credits" product with
 * packs of 100 (10 EUR) and 500 (40 EUR) SMS created through the admin API.
 */
export type CheckoutFixtures = Awaited<ReturnType<typeof seedCheckoutFixtures>>

export async function seedCheckoutFixtures(container: MedusaContainer, api: any) {
  const { Webshop: webshop, "B2B portal": b2b } = await channelsWithKeys(container, ["Webshop", "B2B portal"])
  const { result: [region] } = await createRegionsWorkflow(container).run({
    input: { regions: [{ name: "Europe", currency_code: "eur", countries: ["de"], payment_providers: ["pp_system_default"] }] },
  })
  const { headers: adminHeaders } = await adminSession(container)

  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  const { service } = await iap.createService({ technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: true, trial_credits: 5 })
  const res = await api.post(
    "/admin/iap/packs/products",
    {
      service_id: service.id,
      title: "SMS credits",
      sales_channel_ids: [webshop.id, b2b.id],
      packs: [
        { credits: 100, prices: [{ currency_code: "eur", amount: 10 }] },
        { credits: 500, prices: [{ currency_code: "eur", amount: 40 }] },
      ],
    },
    adminHeaders
  )
  const variantOf = (credits: number) => res.data.packs.find((p: any) => p.credits === credits).product_variant.id as string
  return {
    iap,
    service,
    region,
    webshop,
    b2b,
    keys: { webshop: webshop.key, b2b: b2b.key },
    adminHeaders,
    product: res.data.product,
    packs: res.data.packs,
    variants: { sms100: variantOf(100), sms500: variantOf(500) },
  }
}

/**
 * Registers a `beforeEach` that seeds fresh checkout fixtures for every test (the runner empties
 * the database after each) into the returned object: always the same object, refilled, so the
 * tests read `f.…`. Call it inside `medusaIntegrationTestRunner`'s `testSuite`.
 *
 * @example
 * medusaIntegrationTestRunner({
 *   testSuite: ({ api, getContainer }) => {
 *     const f = checkoutFixturesEachTest(getContainer, api)
 *     it("sells packs", async () => { … f.variants.sms100 … })
 *   },
 * })
 */
export function checkoutFixturesEachTest(getContainer: () => MedusaContainer, api: any): CheckoutFixtures {
  const f = {} as CheckoutFixtures
  beforeEach(async () => {
    Object.assign(f, await seedCheckoutFixtures(getContainer(), api))
  })
  return f
}

/** A storefront SDK for one publishable key, keeping its JWT in memory as a Node client must. */
export function storefront(api: any, publishableKey: string) {
  return new Medusa({ baseUrl: api.defaults.baseURL, publishableKey, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
}

/** Registers a customer the way a storefront does (register → create customer → log in). */
export async function signUp(sdk: Medusa, email: string) {
  await sdk.auth.register("customer", "emailpass", { email, password: "supersecret" })
  const { customer } = await sdk.store.customer.create({ email, first_name: "Carla", last_name: "Customer" })
  await sdk.auth.login("customer", "emailpass", { email, password: "supersecret" })
  return customer
}

/**
 * Records every event emitted on the bus from now on (and still delivers it); the spy goes with
 * `jest.restoreAllMocks()`.
 */
export function recordEvents(container: MedusaContainer): { name: string; data: any }[] {
  const eventBus = container.resolve(Modules.EVENT_BUS) as any
  const emitted: { name: string; data: any }[] = []
  const original = eventBus.emit.bind(eventBus)
  jest.spyOn(eventBus, "emit").mockImplementation(async (msgs: any, opts: any) => {
    for (const m of [msgs].flat() as any[]) emitted.push({ name: m.name, data: m.data })
    return original(msgs, opts)
  })
  return emitted
}

/** Waits for every subscriber of `event` to finish the next delivery. */
export function nextDelivery(container: MedusaContainer, event: string) {
  return TestEventUtils.waitSubscribersExecution(event, container.resolve(Modules.EVENT_BUS) as any)
}

/**
 * The delivery step of a storefront: lists the cart's shipping options and picks the plugin's
 * free "Instant delivery" when it is offered (the cart holds packs). Returns the options listed.
 */
export async function addInstantDelivery(sdk: Medusa, cartId: string) {
  const { shipping_options } = await sdk.store.fulfillment.listCartOptions({ cart_id: cartId })
  const instant = shipping_options.find((o) => o.provider_id === DIGITAL_FULFILLMENT_PROVIDER_ID)
  if (instant) await sdk.store.cart.addShippingMethod(cartId, { option_id: instant.id })
  return shipping_options
}

/**
 * Storefront checkout: cart in `region_id` → lines → "Instant delivery" for the packs →
 * `pp_system_default` payment session → complete. Resolves once the `order.placed`
 * subscribers have run.
 */
export async function checkout(container: MedusaContainer, sdk: Medusa, regionId: string, items: { variant_id: string; quantity: number }[]) {
  let { cart } = await sdk.store.cart.create({ region_id: regionId })
  for (const item of items) ({ cart } = await sdk.store.cart.createLineItem(cart.id, item))
  await addInstantDelivery(sdk, cart.id)
  ;({ cart } = await sdk.store.cart.retrieve(cart.id))
  await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
  const placed = nextDelivery(container, "order.placed")
  const done = await sdk.store.cart.complete(cart.id)
  if (done.type !== "order") throw new Error(`cart not completed: ${JSON.stringify(done.error)}`)
  await placed
  return done.order
}

/** An order with the lots it created (through the order ↔ lot link) and its payments. */
export async function orderLots(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "customer_id", "sales_channel_id", "shipping_methods.id", "iap_credit_lots.*", "payment_collections.payments.id"],
    filters: { id: orderId },
  })
  return order as any
}
