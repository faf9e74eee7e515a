// The root medusa-config.ts reads IAP_REFUND_POLICY and IAP_DIGITAL_FULFILLMENT when the runner
// boots the app (in beforeAll); jest gives every test file its own copy of process.env, so the
// other files keep the defaults. This app also checks that digital fulfilment can be turned off.
process.env.IAP_REFUND_POLICY = "debt"
process.env.IAP_DIGITAL_FULFILLMENT = "disabled"

import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { chargeCreditsWorkflow, IapEvents } from "../../src/workflows"
import { checkout, checkoutFixturesEachTest, signUp, storefront } from "./helpers/checkout-fixtures"
import { captureOrder, ledgerInvariants, redeliver, refundPayment } from "./helpers/refund-fixtures"

jest.setTimeout(240_000)

/** refundPolicy "debt": credits already used when their payment is refunded become account debt (digitalFulfillment "disabled" in this app). */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    const f = checkoutFixturesEachTest(getContainer, api)

    it("a full refund of partly used credits leaves the account in debt by the shortfall, repaid by the next purchase", async () => {
      expect(f.iap.getOptions().refundPolicy).toBe("debt")
      const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
      const clawed: any[] = []
      const original = eventBus.emit.bind(eventBus)
      jest.spyOn(eventBus, "emit").mockImplementation(async (msgs: any, opts: any) => {
        for (const m of [msgs].flat()) if (m.name === IapEvents.CREDITS_CLAWED_BACK) clawed.push(m.data)
        return original(msgs, opts)
      })

      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, "debt@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms500, quantity: 2 }])
      const paymentId = await captureOrder(getContainer(), api, f, order.id)
      // digitalFulfillment "disabled": the credits are available, the order is left to the store to fulfil.
      expect(f.iap.getOptions().digitalFulfillment).toBe("disabled")
      const { data: { order: read } } = await api.get(`/admin/orders/${order.id}?fields=fulfillment_status,*fulfillments`, f.adminHeaders)
      expect([read.fulfillment_status, read.fulfillments]).toEqual(["not_fulfilled", []])
      // 300 used: the 5 trial credits first, then 295 of the purchase.
      await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: customer.id, sales_channel_id: f.webshop.id, credits: 300, idempotency_key: "use-1" },
      })
      await refundPayment(getContainer(), api, f, paymentId, 80)
      await redeliver(getContainer(), "payment.refunded", { id: paymentId })

      const [row] = await f.iap.listIapAccounts({ customer_id: customer.id }, { select: ["id"] })
      const [account] = await f.iap.listAccountsByIds([row.id])
      expect(account).toMatchObject({ balance: -295, debt: 295, available: -295 })
      expect(clawed).toEqual([expect.objectContaining({ account_id: account.id, order_id: order.id, credits: 1000, shortfall: 0 })])
      const [claw] = await f.iap.listIapClawbacks({ order_id: order.id })
      expect(claw).toMatchObject({ policy: "debt", requested: 1000, clawed: 705, debt: 295, shortfall: 0 })
      const ledger = await f.iap.listIapTransactions({ account_id: account.id }, { order: { seq: "ASC" } })
      expect(ledger.map((t) => [t.type, Number(t.amount)])).toEqual([
        ["grant", 5],
        ["purchase", 1000],
        ["debit", -300],
        ["clawback", -1000],
      ])
      // Nothing can be spent while in debt.
      await expect(
        chargeCreditsWorkflow(getContainer()).run({
          input: { service: "sms", customer_id: customer.id, sales_channel_id: f.webshop.id, credits: 1, idempotency_key: "use-2" },
        })
      ).rejects.toMatchObject({ type: "insufficient_credits" })

      // The next purchase repays the debt first.
      const next = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms500, quantity: 1 }])
      await captureOrder(getContainer(), api, f, next.id)
      const [after] = await f.iap.listAccountsByIds([account.id])
      expect(after).toMatchObject({ balance: 205, debt: 0, available: 205 })
      const inv = await ledgerInvariants(getContainer(), f, account.id)
      expect(inv.ledger).toBe(inv.balance)
      expect(inv.lots_minus_debt).toBe(inv.balance)
    })
  },
})
