import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { chargeCreditsWorkflow, IapEvents } from "../../src/workflows"
import { checkout, checkoutFixturesEachTest, orderLots, recordEvents, signUp, storefront } from "./helpers/checkout-fixtures"
import { cancelOrder, captureOrder, createMailPack, createShirt, ledgerInvariants, paymentOf, redeliver, refundPayment } from "./helpers/refund-fixtures"

jest.setTimeout(240_000)

/** Refunds take back the credits they no longer pay for (refundPolicy "clamp", the default). */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const f = checkoutFixturesEachTest(getContainer, api)
    let emitted: { name: string; data: any }[]

    beforeEach(() => {
      emitted = recordEvents(getContainer())
    })

    afterEach(() => jest.restoreAllMocks())

    const accountOf = async (customerId: string, service = "sms") => {
      const rows = await f.iap.listIapAccounts({ customer_id: customerId }, { select: ["id"] })
      return (await f.iap.listAccountsByIds(rows.map((r) => r.id))).find((a) => a.service === service)!
    }
    const ledger = async (accountId: string) =>
      (await f.iap.listIapTransactions({ account_id: accountId }, { order: { seq: "ASC" }, select: ["type", "amount", "reference_id"] })).map((t) => [
        t.type,
        Number(t.amount),
      ])
    const clawedEvents = () => emitted.filter((e) => e.name === IapEvents.CREDITS_CLAWED_BACK).map((e) => e.data)
    const expectRule4 = async (accountId: string) => {
      const inv = await ledgerInvariants(getContainer(), f, accountId)
      expect(inv.ledger).toBe(inv.balance)
      expect(inv.lots_minus_debt).toBe(inv.balance)
    }
    const buyer = async (email: string, items: { variant_id: string; quantity: number }[]) => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, email)
      const order = await checkout(getContainer(), sdk, f.region.id, items)
      return { customer, order, sdk }
    }

    it("packs only: a 40 % refund takes 40 % of the credits, the rest takes the rest, a redelivery nothing", async () => {
      const { customer, order } = await buyer("packs@iap.test", [{ variant_id: f.variants.sms500, quantity: 2 }])
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      const account = await accountOf(customer.id)
      expect(account).toMatchObject({ balance: 1005 })

      const first = await refundPayment(getContainer(), api, f, paymentId, 32)
      expect(await accountOf(customer.id)).toMatchObject({ balance: 605, debt: 0 })
      const [lot] = (await orderLots(getContainer(), order.id)).iap_credit_lots
      expect(lot).toMatchObject({ status: "available", initial_amount: 1000, remaining: 600 })
      const refunds = await getContainer().resolve(Modules.PAYMENT).listRefunds({ payment_id: paymentId })
      expect(clawedEvents()).toEqual([
        {
          id: expect.stringMatching(/^iaptx_/), account_id: account.id, order_id: order.id, line_item_id: order.items![0].id, lot_id: lot.id,
          credits: 400, shortfall: 0, reference: refunds[0].id, reference_type: "refund",
        },
      ])
      expect(first.id).toBe(paymentId)

      await refundPayment(getContainer(), api, f, paymentId, 48)
      expect(await accountOf(customer.id)).toMatchObject({ balance: 5, debt: 0 })
      await redeliver(getContainer(), "payment.refunded", { id: paymentId })
      await redeliver(getContainer(), "payment.captured", { id: paymentId })
      expect(await ledger(account.id)).toEqual([
        ["grant", 5],
        ["purchase", 1000],
        ["clawback", -400],
        ["clawback", -600],
      ])
      const rows = await f.iap.listIapTransactions({ account_id: account.id, type: "clawback" }, { order: { seq: "ASC" } })
      const [r1, r2] = await getContainer().resolve(Modules.PAYMENT).listRefunds({ payment_id: paymentId }, { order: { created_at: "ASC" } })
      // each refund's row: the refund, the line and the line's total taken back so far
      expect(rows.map((r) => [r.reference_type, r.reference_id, r.idempotency_key])).toEqual([
        ["refund", r1.id, `clawback:${r1.id}:${order.items![0].id}:400`],
        ["refund", r2.id, `clawback:${r2.id}:${order.items![0].id}:1000`],
      ])
      expect(clawedEvents().map((e) => e.credits)).toEqual([400, 600])
      await expectRule4(account.id)
    })

    it("mixed order: refunding up to the T-shirt's price leaves the credits; beyond it, only the excess is taken", async () => {
      const shirt = await createShirt(getContainer(), f)
      const { customer, order } = await buyer("mixed@iap.test", [
        { variant_id: shirt, quantity: 1 },
        { variant_id: f.variants.sms500, quantity: 1 },
      ])
      expect(order.total).toBe(60)
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      await refundPayment(getContainer(), api, f, paymentId, 20)
      expect(await accountOf(customer.id)).toMatchObject({ balance: 505 })
      expect(clawedEvents()).toEqual([])
      // 10 more: 10 of the pack's 40 EUR are no longer paid for → 500 × 10 ÷ 40 = 125 credits.
      await refundPayment(getContainer(), api, f, paymentId, 10)
      const account = await accountOf(customer.id)
      expect(account).toMatchObject({ balance: 380 })
      expect(await ledger(account.id)).toEqual([
        ["grant", 5],
        ["purchase", 500],
        ["clawback", -125],
      ])
      await expectRule4(account.id)
    })

    it('"clamp": a full refund of partly used credits takes what is left and reports the shortfall', async () => {
      const { customer, order, sdk } = await buyer("clamp@iap.test", [{ variant_id: f.variants.sms500, quantity: 2 }])
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      // 300 used: the 5 trial credits first, then 295 of the purchase.
      await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: customer.id, sales_channel_id: f.webshop.id, credits: 300, idempotency_key: "use-1" },
      })
      await refundPayment(getContainer(), api, f, paymentId, 80)
      const account = await accountOf(customer.id)
      expect(account).toMatchObject({ balance: 0, debt: 0, available: 0 })
      expect(await ledger(account.id)).toEqual([
        ["grant", 5],
        ["purchase", 1000],
        ["debit", -300],
        ["clawback", -705],
      ])
      expect(clawedEvents()).toEqual([expect.objectContaining({ credits: 705, shortfall: 295 })])
      const [claw] = await f.iap.listIapClawbacks({ order_id: order.id })
      expect(claw).toMatchObject({ policy: "clamp", requested: 1000, clawed: 705, shortfall: 295, debt: 0 })
      await expectRule4(account.id)

      // The admin order widget's data: granted, clawed back and shortfall per line.
      const { data: credits } = await api.get(`/admin/iap/orders/${order.id}/credits`, f.adminHeaders)
      expect(credits.lots).toHaveLength(1)
      expect(credits.lots[0]).toMatchObject({ granted: 1000, clawed_back: 705, debt: 0, shortfall: 295, remaining: 0 })
      expect(credits.lots[0].clawbacks).toEqual([
        {
          id: claw.id, transaction_id: claw.transaction_id, reference_type: "refund", reference_id: claw.reference_id, policy: "clamp",
          requested: 1000, clawed: 705, debt: 0, shortfall: 295, voided_pending: false, created_at: expect.any(String),
        },
      ])
      // The account page's ledger links the clawback row to its order; the store API lists it too.
      const { data: admin } = await api.get(`/admin/iap/transactions?account_id=${account.id}&type=clawback`, f.adminHeaders)
      expect(admin.transactions.map((t: any) => [t.type, t.amount, t.order_id, t.reference_type])).toEqual([["clawback", -705, order.id, "refund"]])
      const store = await sdk.client.fetch<any>(`/store/iap/accounts/${account.id}/transactions`)
      expect(store.transactions[0]).toMatchObject({ type: "clawback", amount: -705, order_id: order.id, reference_type: "refund" })
      expect(store.transactions[0]).not.toHaveProperty("idempotency_key")
    })

    it("two pack lines of different services: the last line is taken back first, each on its own account", async () => {
      const mail = await createMailPack(api, f)
      const { customer, order } = await buyer("two@iap.test", [
        { variant_id: f.variants.sms100, quantity: 1 },
        { variant_id: mail.variant_id, quantity: 1 },
      ])
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      // Lines are taken in the order's own item order (as Medusa lists them), the last one first.
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [placed] } = await query.graph({ entity: "order", fields: ["items.id", "items.variant_id"], filters: { id: order.id } })
      const lastIsMail = placed.items!.at(-1)!.variant_id === mail.variant_id
      // 12 of 20 EUR: the last line's 10 EUR entirely, then 2 of the first line's 10 EUR.
      await refundPayment(getContainer(), api, f, paymentId, 12)
      const sms = await accountOf(customer.id, "sms")
      const letters = await accountOf(customer.id, "mail")
      const [smsTaken, mailTaken] = lastIsMail ? [20, 50] : [100, 10]
      expect(sms).toMatchObject({ balance: 105 - smsTaken })
      expect(letters).toMatchObject({ balance: 50 - mailTaken })
      expect(await ledger(letters.id)).toEqual([["purchase", 50], ["clawback", -mailTaken]])
      expect(await ledger(sms.id)).toEqual([["grant", 5], ["purchase", 100], ["clawback", -smsTaken]])
      const taken = clawedEvents().map((e) => [e.account_id, e.credits])
      expect(taken).toEqual(lastIsMail ? [[letters.id, 50], [sms.id, 20]] : [[sms.id, 100], [letters.id, 10]])
    })

    it("a refund handled before the capture event converges on the same ledger", async () => {
      const { customer, order } = await buyer("early@iap.test", [{ variant_id: f.variants.sms500, quantity: 1 }])
      const paymentId = await paymentOf(getContainer(), order.id)
      // Captured, but its event not handled yet: the Payment Module's capture emits nothing.
      await getContainer().resolve(Modules.PAYMENT).capturePayment({ payment_id: paymentId })
      expect(await accountOf(customer.id)).toMatchObject({ balance: 5, pending: 500 })
      await refundPayment(getContainer(), api, f, paymentId, 10)
      const account = await accountOf(customer.id)
      expect(account).toMatchObject({ balance: 380, pending: 0 })
      await redeliver(getContainer(), "payment.captured", { id: paymentId })
      await redeliver(getContainer(), "order.placed", { id: order.id })
      expect(await accountOf(customer.id)).toMatchObject({ balance: 380, pending: 0 })
      expect(await ledger(account.id)).toEqual([
        ["grant", 5],
        ["purchase", 500],
        ["clawback", -125],
      ])
      // the purchase announced once (by the refund's run), then its share taken back
      expect(emitted.filter((e) => e.name === IapEvents.CREDITS_GRANTED).map((e) => e.data.amount)).toEqual([5, 500])
      expect(clawedEvents().map((e) => e.credits)).toEqual([125])
      // the capture event, handled last, still delivers the pack
      const { data: { order: read } } = await api.get(`/admin/orders/${order.id}?fields=fulfillment_status`, f.adminHeaders)
      expect(read.fulfillment_status).toBe("fulfilled")
      await expectRule4(account.id)
    })

    it("a cancel after a partial refund voids the rest; nothing is taken twice", async () => {
      const { customer, order } = await buyer("cancel@iap.test", [{ variant_id: f.variants.sms500, quantity: 1 }])
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      await refundPayment(getContainer(), api, f, paymentId, 16)
      expect(await accountOf(customer.id)).toMatchObject({ balance: 305 })
      await cancelOrder(getContainer(), api, f, order.id)
      // The cancellation refunded the other 24 EUR; a late redelivery of the refund event changes nothing.
      await redeliver(getContainer(), "payment.refunded", { id: paymentId })
      const account = await accountOf(customer.id)
      expect(account).toMatchObject({ balance: 5, debt: 0 })
      const rows = await ledger(account.id)
      expect(rows.slice(0, 4)).toEqual([
        ["grant", 5],
        ["purchase", 500],
        ["clawback", -200],
        ["void", -300],
      ])
      // the cancellation's refund finds the lot voided: nothing more to take
      expect(rows.slice(4)).toEqual([["clawback", 0]])
      const [lot] = (await orderLots(getContainer(), order.id)).iap_credit_lots
      expect(lot).toMatchObject({ status: "voided", remaining: 0 })
      await expectRule4(account.id)
    })
  },
})
