// The root medusa-config.ts reads IAP_GRANT_ON when the runner boots the app (in beforeAll);
// jest gives every test file its own copy of process.env, so the other files keep the default.
process.env.IAP_GRANT_ON = "order_placed"

import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { IapEvents } from "../../src/workflows"
import { checkout, checkoutFixturesEachTest, nextDelivery, orderLots, signUp, storefront } from "./helpers/checkout-fixtures"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const f = checkoutFixturesEachTest(getContainer, api)

    it('with grantOn "order_placed", bought credits are available right after checkout; the capture adds nothing', async () => {
      expect(f.iap.getOptions().grantOn).toBe("order_placed")
      const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
      const granted: any[] = []
      const original = eventBus.emit.bind(eventBus)
      jest.spyOn(eventBus, "emit").mockImplementation(async (msgs: any, opts: any) => {
        for (const m of [msgs].flat()) if (m.name === IapEvents.CREDITS_GRANTED) granted.push(m.data)
        return original(msgs, opts)
      })

      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "instant@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms100, quantity: 3 }])
      const view = await orderLots(getContainer(), order.id)
      expect(view.iap_credit_lots).toHaveLength(1)
      expect(view.iap_credit_lots[0]).toMatchObject({ status: "available", initial_amount: 300, remaining: 300, unit_price: 10, currency_code: "eur" })
      const [account] = await f.iap.listAccountsByIds([view.iap_credit_lots[0].account_id])
      expect(account).toMatchObject({ customer_id: customer.id, balance: 305, pending: 0, available: 305 })
      // the trial credits of the account the order created, and the purchase
      expect(granted).toEqual([
        { id: expect.any(String), account_id: account.id, lot_id: expect.any(String), amount: 5 },
        { id: expect.any(String), account_id: account.id, lot_id: view.iap_credit_lots[0].id, amount: 300 },
      ])

      const captured = nextDelivery(getContainer(), "payment.captured")
      await api.post(`/admin/payments/${view.payment_collections[0].payments[0].id}/capture`, {}, f.adminHeaders)
      await captured
      const [after] = await f.iap.listAccountsByIds([account.id])
      expect(after).toMatchObject({ balance: 305, pending: 0 })
      const rows = await f.iap.listIapTransactions({ account_id: account.id }, { select: ["type"] })
      expect(rows.map((r) => r.type).sort()).toEqual(["grant", "purchase"])
      expect(granted).toHaveLength(2)
      // Available at once, so delivered at once: the pack line was fulfilled when the order was placed.
      const { data: { order: read } } = await api.get(`/admin/orders/${order.id}?fields=fulfillment_status,*fulfillments`, f.adminHeaders)
      expect(read.fulfillment_status).toBe("fulfilled")
      expect(read.fulfillments).toHaveLength(1)
      jest.restoreAllMocks()
    })
  },
})
