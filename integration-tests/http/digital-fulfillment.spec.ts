import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { DIGITAL_FULFILLMENT_PROVIDER_ID } from "../../src/providers/digital-fulfillment/service"
import { IapEvents } from "../../src/workflows"
import { checkout, checkoutFixturesEachTest, nextDelivery, orderLots, signUp, storefront } from "./helpers/checkout-fixtures"
import { captureOrder, createShirt, ledgerInvariants, redeliver, refundPayment } from "./helpers/refund-fixtures"

jest.setTimeout(240_000)

/**
 * Credit packs fulfil themselves through Medusa's fulfilment workflows and the plugin's
 * `iap-digital` provider once their credits are available; returns of pack items take back
 * exactly those items' credits.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const f = checkoutFixturesEachTest(getContainer, api)

    const accountOf = async (customerId: string) => {
      const [row] = await f.iap.listIapAccounts({ customer_id: customerId }, { select: ["id"] })
      return (await f.iap.listAccountsByIds([row.id]))[0]
    }
    const adminOrder = async (orderId: string) =>
      (await api.get(`/admin/orders/${orderId}?fields=id,fulfillment_status,*fulfillments,*items,*shipping_methods`, f.adminHeaders)).data.order

    it("a packs-only order reads fulfilled once its payment is captured, through its free Instant delivery method; redeliveries fulfil nothing more", async () => {
      const sdk = storefront(api, f.keys.webshop)
      await signUp(sdk, "digital@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [
        { variant_id: f.variants.sms100, quantity: 1 },
        { variant_id: f.variants.sms500, quantity: 2 },
      ])
      expect((await adminOrder(order.id)).fulfillment_status).toBe("not_fulfilled")

      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      const fulfilled = await adminOrder(order.id)
      expect(fulfilled.fulfillment_status).toBe("fulfilled")
      expect(fulfilled.shipping_methods.map((m: any) => [m.name, m.amount])).toEqual([["Instant delivery", 0]])
      expect(fulfilled.fulfillments).toHaveLength(1)
      // Pack lines require shipping now (the "Digital (credit packs)" profile), on the plugin's provider and option.
      expect(fulfilled.fulfillments[0]).toMatchObject({
        provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID,
        shipping_option_id: fulfilled.shipping_methods[0].shipping_option_id,
        requires_shipping: true,
        canceled_at: null,
      })

      await redeliver(getContainer(), "payment.captured", { id: paymentId })
      await redeliver(getContainer(), "order.placed", { id: order.id })
      expect((await adminOrder(order.id)).fulfillments).toHaveLength(1)

      // The set-up (location, fulfilment set, "Instant delivery" option) was made once, for every order.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: options } = await query.graph({ entity: "shipping_option", fields: ["id", "name", "provider_id"], filters: { provider_id: DIGITAL_FULFILLMENT_PROVIDER_ID } })
      expect(options.map((o: any) => o.name)).toEqual(["Instant delivery"])
    })

    it("a mixed order fulfils its packs only; the T-shirt waits for the store", async () => {
      const shirt = await createShirt(getContainer(), f)
      const sdk = storefront(api, f.keys.webshop)
      await signUp(sdk, "mixed-digital@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [
        { variant_id: shirt, quantity: 1 },
        { variant_id: f.variants.sms100, quantity: 1 },
      ])
      await captureOrder(getContainer(), api, f, order.id)
      const read = await adminOrder(order.id)
      expect(read.fulfillment_status).toBe("partially_fulfilled")
      const pack = read.items.find((i: any) => i.variant_id === f.variants.sms100)
      const tee = read.items.find((i: any) => i.variant_id === shirt)
      expect([pack.detail.fulfilled_quantity, tee.detail.fulfilled_quantity]).toEqual([1, 0])
    })

    it("a received return of one of two pack units takes back one unit's credits; its refund takes nothing more", async () => {
      const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
      const clawed: any[] = []
      const original = eventBus.emit.bind(eventBus)
      jest.spyOn(eventBus, "emit").mockImplementation(async (msgs: any, opts: any) => {
        for (const m of [msgs].flat()) if (m.name === IapEvents.CREDITS_CLAWED_BACK) clawed.push(m.data)
        return original(msgs, opts)
      })
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "return@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms500, quantity: 2 }])
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      const itemId = order.items![0].id

      // Medusa's own return routes: request one unit, confirm, receive it.
      const { data: { return: ret } } = await api.post("/admin/returns", { order_id: order.id }, f.adminHeaders)
      await api.post(`/admin/returns/${ret.id}/request-items`, { items: [{ id: itemId, quantity: 1 }] }, f.adminHeaders)
      await api.post(`/admin/returns/${ret.id}/request`, {}, f.adminHeaders)
      await api.post(`/admin/returns/${ret.id}/receive`, {}, f.adminHeaders)
      await api.post(`/admin/returns/${ret.id}/receive-items`, { items: [{ id: itemId, quantity: 1 }] }, f.adminHeaders)
      const received = nextDelivery(getContainer(), "order.return_received")
      await api.post(`/admin/returns/${ret.id}/receive/confirm`, {}, f.adminHeaders)
      await received

      const account = await accountOf(customer.id)
      expect(account).toMatchObject({ balance: 505, debt: 0 })
      expect(clawed).toEqual([expect.objectContaining({ account_id: account.id, order_id: order.id, credits: 500, shortfall: 0, reference: ret.id, reference_type: "return" })])
      const [claw] = await f.iap.listIapClawbacks({ order_id: order.id })
      expect(claw).toMatchObject({ reference_type: "return", reference_id: ret.id, idempotency_key: `clawback:${ret.id}:${itemId}:500`, requested: 500, clawed: 500 })

      // The store refunds the returned unit (40 EUR): those credits are back already.
      await refundPayment(getContainer(), api, f, paymentId, 40)
      await redeliver(getContainer(), "order.return_received", { order_id: order.id, return_id: ret.id })
      expect(await accountOf(customer.id)).toMatchObject({ balance: 505 })
      const ledger = await f.iap.listIapTransactions({ account_id: account.id }, { order: { seq: "ASC" } })
      expect(ledger.map((t) => [t.type, Number(t.amount), t.reference_id])).toEqual([
        ["grant", 5, expect.any(String)],
        ["purchase", 1000, expect.any(String)],
        ["clawback", -500, ret.id],
      ])
      const [lot] = (await orderLots(getContainer(), order.id)).iap_credit_lots
      expect(lot).toMatchObject({ remaining: 500, status: "available" })
      const inv = await ledgerInvariants(getContainer(), f, account.id)
      expect(inv.ledger).toBe(inv.balance)
      expect(inv.lots_minus_debt).toBe(inv.balance)
    })
  },
})
