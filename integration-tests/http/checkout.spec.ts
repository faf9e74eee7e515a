import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { addCompleteCartValidator, chargeCreditsWorkflow, GUEST_PACK_MESSAGE, IapEvents, voidPurchasedCreditsWorkflow } from "../../src/workflows"
import { addInstantDelivery, checkout, checkoutFixturesEachTest, nextDelivery, orderLots, recordEvents, signUp, storefront } from "./helpers/checkout-fixtures"
import { cancelOrder } from "./helpers/refund-fixtures"

jest.setTimeout(180_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const f = checkoutFixturesEachTest(getContainer, api)
    let emitted: { name: string; data: any }[]

    beforeEach(() => {
      emitted = recordEvents(getContainer())
    })

    afterEach(() => jest.restoreAllMocks())

    const accountsOf = async (customerId: string) => {
      const rows = await f.iap.listIapAccounts({ customer_id: customerId }, { select: ["id"] })
      return f.iap.listAccountsByIds(rows.map((r) => r.id))
    }
    const ledger = (accountId: string) =>
      f.iap.listIapTransactions({ account_id: accountId }, { order: { seq: "ASC" }, select: ["type", "amount", "idempotency_key"] })

    const capture = async (orderId: string) => {
      const paymentId = (await orderLots(getContainer(), orderId)).payment_collections[0].payments[0].id
      const captured = nextDelivery(getContainer(), "payment.captured")
      await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)
      await captured
      return paymentId
    }

    it("sells a pack through the storefront checkout: pending on order, available on capture, exact balance", async () => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "carla@iap.test")
      const { regions } = await sdk.store.region.list()
      const region = regions.find((r) => r.id === f.region.id)!
      const { packs } = await sdk.client.fetch<any>("/store/iap/packs", { query: { region_id: region.id } })
      expect(packs.map((p: any) => [p.service.technical_name, p.credits, p.calculated_price.calculated_amount, p.calculated_price.currency_code])).toEqual([
        ["sms", 100, 10, "eur"],
        ["sms", 500, 40, "eur"],
      ])
      const pack500 = packs.find((p: any) => p.credits === 500)

      const order = await checkout(getContainer(), sdk, region.id, [{ variant_id: pack500.variant_id, quantity: 2 }])
      // Packs ship with the free "Instant delivery": one shipping method of 0, nothing added to the total.
      expect(order.total).toBe(80)
      expect(order.shipping_methods?.map((m) => [m.name, m.amount])).toEqual([["Instant delivery", 0]])
      expect(await orderLots(getContainer(), order.id)).toMatchObject({ customer_id: customer.id, sales_channel_id: f.webshop.id, shipping_methods: [{ id: expect.any(String) }] })

      const [account] = await accountsOf(customer.id)
      expect(account).toMatchObject({ service: "sms", balance: 5, pending: 1000, available: 5, sales_channel_ids: [] })
      const { iap_credit_lots: lots } = await orderLots(getContainer(), order.id)
      expect(lots).toHaveLength(1)
      expect(lots[0]).toMatchObject({
        account_id: account.id, source_type: "purchase", source_id: order.items![0].id, category: "paid",
        status: "pending", initial_amount: 1000, remaining: 1000, unit_price: 40, currency_code: "eur",
      })

      // The lot leads back to its order and order line (stored and read-only links).
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [fromLot] } = await query.graph({ entity: "iap_credit_lot", fields: ["id", "order.id", "order_line_item.id"], filters: { id: lots[0].id } })
      expect(fromLot).toMatchObject({ order: { id: order.id }, order_line_item: { id: order.items![0].id } })

      await capture(order.id)
      const [after] = await accountsOf(customer.id)
      expect(after).toMatchObject({ balance: 1005, pending: 0, available: 1005 })
      expect((await orderLots(getContainer(), order.id)).iap_credit_lots[0].status).toBe("available")
      expect((await ledger(account.id)).map((t) => [t.type, Number(t.amount)])).toEqual([
        ["grant", 5],
        ["purchase", 1000],
      ])
      // the trial credits of the account the order created, then the purchase once paid
      const granted = emitted.filter((e) => e.name === IapEvents.CREDITS_GRANTED).map((e) => e.data)
      expect(granted).toHaveLength(2)
      expect(granted[0]).toMatchObject({ account_id: account.id, amount: 5 })
      expect(granted[1]).toMatchObject({ account_id: account.id, lot_id: lots[0].id, amount: 1000 })
    })

    it("grants nothing more when order.placed and payment.captured are delivered again", async () => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "redeliver@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [
        { variant_id: f.variants.sms100, quantity: 1 },
        { variant_id: f.variants.sms500, quantity: 1 },
      ])
      const eventBus = getContainer().resolve(Modules.EVENT_BUS)
      const again = nextDelivery(getContainer(), "order.placed")
      await eventBus.emit({ name: "order.placed", data: { id: order.id } })
      await again
      const [pending] = await accountsOf(customer.id)
      expect(pending).toMatchObject({ balance: 5, pending: 600 })

      const paymentId = await capture(order.id)
      const twice = nextDelivery(getContainer(), "payment.captured")
      await eventBus.emit({ name: "payment.captured", data: { id: paymentId } })
      await twice
      const placedAgain = nextDelivery(getContainer(), "order.placed")
      await eventBus.emit({ name: "order.placed", data: { id: order.id } })
      await placedAgain

      const [account] = await accountsOf(customer.id)
      expect(account).toMatchObject({ balance: 605, pending: 0 })
      expect(await f.iap.listIapCreditLots({ account_id: account.id, source_type: "purchase" })).toHaveLength(2)
      expect((await ledger(account.id)).map((t) => t.type)).toEqual(["grant", "purchase", "purchase"])
      // trial credits once, each purchase once
      expect(emitted.filter((e) => e.name === IapEvents.CREDITS_GRANTED).map((e) => e.data.amount)).toEqual([5, 100, 500])
    })

    it("voids pending lots when the order is canceled", async () => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "cancel@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms500, quantity: 1 }])
      const canceled = nextDelivery(getContainer(), "order.canceled")
      await api.post(`/admin/orders/${order.id}/cancel`, {}, f.adminHeaders)
      await canceled
      const [account] = await accountsOf(customer.id)
      expect(account).toMatchObject({ balance: 5, pending: 0 })
      const [lot] = (await orderLots(getContainer(), order.id)).iap_credit_lots
      expect(lot).toMatchObject({ status: "voided", initial_amount: 500 })
      expect((await ledger(account.id)).map((t) => [t.type, Number(t.amount)])).toEqual([
        ["grant", 5],
        ["void", 0],
      ])
    })

    it("voids only what remains of available credits partly spent, and reports the shortfall", async () => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "spent@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms500, quantity: 2 }])
      await capture(order.id)
      // 300 used: the 5 trial credits first (promotional before paid), then 295 of the purchase.
      await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: customer.id, sales_channel_id: f.webshop.id, credits: 300, idempotency_key: "use-1" },
      })
      // The captured packs were delivered (digital fulfilment): that fulfilment is canceled first.
      await cancelOrder(getContainer(), api, f, order.id)

      const [account] = await accountsOf(customer.id)
      expect(account).toMatchObject({ balance: 0, pending: 0, available: 0 })
      const [lot] = (await orderLots(getContainer(), order.id)).iap_credit_lots
      expect(lot).toMatchObject({ status: "voided", initial_amount: 1000, remaining: 0 })
      expect((await ledger(account.id)).map((t) => [t.type, Number(t.amount)])).toEqual([
        ["grant", 5],
        ["purchase", 1000],
        ["debit", -300],
        ["void", -705],
      ])
      // A redelivery of order.canceled replays the first outcome and writes nothing.
      const { result } = await voidPurchasedCreditsWorkflow(getContainer()).run({ input: { order_id: order.id } })
      expect(result).toEqual({
        order_id: order.id,
        shortfall: 295,
        lots: [{ line_item_id: order.items![0].id, lot_id: lot.id, was: "available", voided: 705, shortfall: 295 }],
      })
      expect(await ledger(account.id)).toHaveLength(4)
    })

    it("refuses a guest cart holding a pack with a clear 400, creating no order and no lot", async () => {
      const sdk = storefront(api, f.keys.webshop)
      let { cart } = await sdk.store.cart.create({ region_id: f.region.id, email: "guest@iap.test" })
      ;({ cart } = await sdk.store.cart.createLineItem(cart.id, { variant_id: f.variants.sms100, quantity: 1 }))
      await addInstantDelivery(sdk, cart.id)
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const err: any = await sdk.store.cart.complete(cart.id).catch((e) => e)
      expect(err.status).toBe(400)
      expect(err.message).toBe(GUEST_PACK_MESSAGE)

      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: orders } = await query.graph({ entity: "order", fields: ["id"] })
      expect(orders).toHaveLength(0)
      expect(await f.iap.listIapCreditLots({})).toHaveLength(0)
      const { data: [stored] } = await query.graph({ entity: "cart", fields: ["completed_at"], filters: { id: cart.id } })
      expect(stored.completed_at).toBeNull()
    })

    it("refuses the checkout when the account that would receive the credits is suspended", async () => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "suspended@iap.test")
      const { account } = await f.iap.createAccount({ service_id: f.service.id, customer_id: customer.id })
      await f.iap.updateAccount(account.id, { state: "suspended" })
      let { cart } = await sdk.store.cart.create({ region_id: f.region.id })
      ;({ cart } = await sdk.store.cart.createLineItem(cart.id, { variant_id: f.variants.sms100, quantity: 1 }))
      await addInstantDelivery(sdk, cart.id)
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const err: any = await sdk.store.cart.complete(cart.id).catch((e) => e)
      expect(err.status).toBe(400)
      expect(err.message).toBe("Your sms credit account is suspended: its credit packs cannot be bought. Please contact the store.")
      expect(await f.iap.listIapCreditLots({ source_type: "purchase" })).toHaveLength(0)
    })

    it("runs a host's own completion check next to the plugin's (addCompleteCartValidator)", async () => {
      const seen: string[] = []
      const remove = addCompleteCartValidator(async ({ cart }) => {
        seen.push(cart.id)
        if (cart.email === "blocked@iap.test") throw new MedusaError(MedusaError.Types.NOT_ALLOWED, "This store does not sell to blocked@iap.test")
      })
      const sdk = storefront(api, f.keys.webshop)
      try {
        // The plugin's rule still runs first: a guest buying a pack gets our message, not the host's.
        let { cart: guest } = await sdk.store.cart.create({ region_id: f.region.id, email: "blocked@iap.test" })
        ;({ cart: guest } = await sdk.store.cart.createLineItem(guest.id, { variant_id: f.variants.sms100, quantity: 1 }))
        await addInstantDelivery(sdk, guest.id)
        await sdk.store.payment.initiatePaymentSession(guest, { provider_id: "pp_system_default" })
        const guestErr: any = await sdk.store.cart.complete(guest.id).catch((e) => e)
        expect(guestErr.status).toBe(400)
        expect(guestErr.message).toBe(GUEST_PACK_MESSAGE)
        expect(seen).toEqual([])

        // A signed-in customer passes the plugin's rule and meets the host's.
        await signUp(sdk, "blocked@iap.test")
        let { cart } = await sdk.store.cart.create({ region_id: f.region.id })
        ;({ cart } = await sdk.store.cart.createLineItem(cart.id, { variant_id: f.variants.sms100, quantity: 1 }))
        await addInstantDelivery(sdk, cart.id)
        await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
        const err: any = await sdk.store.cart.complete(cart.id).catch((e) => e)
        expect(err.status).toBe(400)
        expect(err.message).toBe("This store does not sell to blocked@iap.test")
        expect(seen).toEqual([cart.id])
        expect(await f.iap.listIapCreditLots({ source_type: "purchase" })).toHaveLength(0)
      } finally {
        remove()
      }
      // Removed, the host's check no longer runs: the same customer's next checkout completes.
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms100, quantity: 1 }])
      expect((await orderLots(getContainer(), order.id)).iap_credit_lots).toHaveLength(1)
      expect(seen).toHaveLength(1)
    })

    it("credits the account restricted to the channel of the purchase, else the unrestricted one", async () => {
      const b2bSdk = storefront(api, f.keys.b2b)
      const customer = await signUp(b2bSdk, "company@iap.test")
      const { account: restricted } = await f.iap.createAccount({ service_id: f.service.id, customer_id: customer.id, sales_channel_ids: [f.b2b.id] })

      const b2bOrder = await checkout(getContainer(), b2bSdk, f.region.id, [{ variant_id: f.variants.sms100, quantity: 1 }])
      const webSdk = storefront(api, f.keys.webshop)
      await webSdk.auth.login("customer", "emailpass", { email: "company@iap.test", password: "supersecret" })
      const webOrder = await checkout(getContainer(), webSdk, f.region.id, [{ variant_id: f.variants.sms500, quantity: 1 }])
      const b2bView = await orderLots(getContainer(), b2bOrder.id)
      const webView = await orderLots(getContainer(), webOrder.id)
      expect([b2bView.sales_channel_id, webView.sales_channel_id]).toEqual([f.b2b.id, f.webshop.id])
      const [b2bLot] = b2bView.iap_credit_lots
      const [webLot] = webView.iap_credit_lots
      expect(b2bLot.account_id).toBe(restricted.id)
      const accounts = await accountsOf(customer.id)
      const unrestricted = accounts.find((a) => a.sales_channel_ids.length === 0)!
      expect(webLot.account_id).toBe(unrestricted.id)
      expect(accounts.find((a) => a.id === restricted.id)).toMatchObject({ pending: 100, balance: 0 })
      expect(unrestricted).toMatchObject({ pending: 500, balance: 5 })
    })
  },
})
