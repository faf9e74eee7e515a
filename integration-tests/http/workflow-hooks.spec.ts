import { Modules } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  authorizeCreditsWorkflow,
  captureHoldWorkflow,
  chargeCreditsWorkflow,
  ChargeCreditsWorkflowInput,
  createIapAccountWorkflow,
  grantCreditsWorkflow,
  grantPurchasedCreditsWorkflow,
  IapEvents,
} from "../../src/workflows"
import { checkout, CheckoutFixtures, nextDelivery, orderLots, seedCheckoutFixtures, signUp, storefront } from "./helpers/checkout-fixtures"

jest.setTimeout(180_000)

/**
 * What a host's hook handlers saw, and what they should do next. Medusa takes one handler per
 * hook for the life of the process, so each hook is registered once, here, as a host would in
 * `src/workflows/hooks/`, and the tests steer it through `host`.
 */
const host = {
  calls: {} as Record<string, any[]>,
  /** Hook name → message to throw with on its next call. */
  fail: {} as Record<string, string>,
  compensated: [] as unknown[],
}
function record(name: string, input: any) {
  ;(host.calls[name] ??= []).push(input)
  const message = host.fail[name]
  if (message) {
    delete host.fail[name]
    throw new Error(message)
  }
}

// The host keeps its own record of each debit (here: the customer's metadata) and undoes it
// when the surrounding workflow rolls back.
chargeCreditsWorkflow.hooks.creditsDebited(
  async (input, { container }) => {
    record("creditsDebited", input)
    const customers = container.resolve(Modules.CUSTOMER)
    const customerId = input.additional_data?.customer_id as string | undefined
    if (!customerId) return new StepResponse(undefined)
    const before = await customers.retrieveCustomer(customerId)
    await customers.updateCustomers(customerId, { metadata: { last_debit: input.transaction.id } })
    return new StepResponse({ customer_id: customerId }, { customer_id: customerId, metadata: before.metadata ?? {} })
  },
  async (undo, { container }) => {
    if (!undo) return
    host.compensated.push(undo)
    await container.resolve(Modules.CUSTOMER).updateCustomers(undo.customer_id, { metadata: { last_debit: "" } })
  }
)
grantCreditsWorkflow.hooks.creditsGranted(async (input) => {
  record("creditsGranted", input)
})
captureHoldWorkflow.hooks.holdCaptured(async (input) => {
  record("holdCaptured", input)
})
createIapAccountWorkflow.hooks.accountCreated(async (input) => {
  record("accountCreated", input)
})
grantPurchasedCreditsWorkflow.hooks.creditPacksPurchased(async (input) => {
  record("creditPacksPurchased", input)
})

const failAfterCharge = createStep("host-fail-after-charge", async () => {
  throw new Error("host step failed")
})
/** A host workflow that charges with ours, then fails: both must roll back. */
const hostChargeThenFail = createWorkflow("host-charge-then-fail", (input: ChargeCreditsWorkflowInput) => {
  const charged = chargeCreditsWorkflow.runAsStep({ input })
  failAfterCharge()
  return new WorkflowResponse(charged)
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: CheckoutFixtures
    let emitted: { name: string; data: any }[]

    beforeEach(async () => {
      host.calls = {}
      host.fail = {}
      host.compensated = []
      const container = getContainer()
      f = await seedCheckoutFixtures(container, api)
      const eventBus = container.resolve(Modules.EVENT_BUS) as any
      emitted = []
      const original = eventBus.emit.bind(eventBus)
      jest.spyOn(eventBus, "emit").mockImplementation(async (msgs: any, opts: any) => {
        for (const m of [msgs].flat()) emitted.push({ name: m.name, data: m.data })
        return original(msgs, opts)
      })
    })

    afterEach(() => jest.restoreAllMocks())

    const ledger = (accountId: string) =>
      f.iap.listIapTransactions({ account_id: accountId }, { order: { seq: "ASC" }, select: ["type", "amount"] })

    it("creditsDebited receives the debit and additional_data, and the host's write lands", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const customer = await customers.createCustomers({ email: "dora@iap.test" })
      const { result } = await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: customer.id, credits: 2, idempotency_key: "h1", additional_data: { customer_id: customer.id } },
      })
      expect(host.calls.creditsDebited).toEqual([
        { account: result.account, transaction: result.transaction, replayed: false, additional_data: { customer_id: customer.id } },
      ])
      expect(result.account).toMatchObject({ balance: 3, available: 3 })
      expect((await customers.retrieveCustomer(customer.id)).metadata).toEqual({ last_debit: result.transaction.id })

      // A replay runs the hook again, flagged, so a handler can skip it.
      const { result: again } = await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: customer.id, credits: 2, idempotency_key: "h1" },
      })
      expect(again.transaction.id).toBe(result.transaction.id)
      expect(host.calls.creditsDebited[1]).toEqual({ account: again.account, transaction: again.transaction, replayed: true })
    })

    it("a throwing creditsDebited handler undoes the debit: reversal row, balance back, no debited event", async () => {
      host.fail.creditsDebited = "host says no"
      const err = await chargeCreditsWorkflow(getContainer())
        .run({ input: { service: "sms", customer_id: "cus_veto", credits: 2, idempotency_key: "h2" } })
        .catch((e) => e)
      expect(err.message).toBe("host says no")
      const [account] = await f.iap.listIapAccounts({ customer_id: "cus_veto" }, { select: ["id"] })
      expect(await f.iap.listAccountsByIds([account.id])).toEqual([expect.objectContaining({ balance: 5, available: 5 })])
      expect((await ledger(account.id)).map((t) => [t.type, t.amount])).toEqual([
        ["grant", 5],
        ["debit", -2],
        ["reversal", 2],
      ])
      expect(emitted.map((e) => e.name)).not.toContain(IapEvents.CREDITS_DEBITED)
    })

    it("a host workflow failing after our charge runs the hook's compensation and reverses the debit", async () => {
      const customers = getContainer().resolve(Modules.CUSTOMER)
      const customer = await customers.createCustomers({ email: "erik@iap.test" })
      const err = await hostChargeThenFail(getContainer())
        .run({ input: { service: "sms", customer_id: customer.id, credits: 1, idempotency_key: "h3", additional_data: { customer_id: customer.id } } })
        .catch((e) => e)
      expect(err.message).toBe("host step failed")
      expect(host.calls.creditsDebited).toHaveLength(1)
      expect(host.compensated).toEqual([{ customer_id: customer.id, metadata: {} }])
      // Medusa drops a metadata key set to "": the customer is as before the charge.
      expect((await customers.retrieveCustomer(customer.id)).metadata).toEqual({})
      const [account] = await f.iap.listIapAccounts({ customer_id: customer.id }, { select: ["id"] })
      expect((await ledger(account.id)).map((t) => [t.type, t.amount])).toEqual([
        ["grant", 5],
        ["debit", -1],
        ["reversal", 1],
      ])
    })

    it("accountCreated gets the account without its token; creditsGranted gets the lot", async () => {
      const { result: created } = await createIapAccountWorkflow(getContainer()).run({
        input: { service_id: f.service.id, customer_id: null, additional_data: { crm_id: "crm-7" } },
      })
      expect(host.calls.accountCreated).toEqual([{ account: created.account, additional_data: { crm_id: "crm-7" } }])
      expect(JSON.stringify(host.calls.accountCreated)).not.toContain(created.token)

      const { result: granted } = await grantCreditsWorkflow(getContainer()).run({
        input: { account_id: created.account.id, amount: 40, idempotency_key: "g1", additional_data: { campaign: "spring" } },
      })
      expect(host.calls.creditsGranted).toEqual([
        { account: granted.account, lot: granted.lot, transaction: granted.transaction, replayed: false, additional_data: { campaign: "spring" } },
      ])
      expect(granted.account).toMatchObject({ balance: 40 })
    })

    it("holdCaptured gets the captured hold and the capture's ledger row", async () => {
      const { result: authorized } = await authorizeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: "cus_hold", credits: 4, idempotency_key: "a1" },
      })
      const { result: captured } = await captureHoldWorkflow(getContainer()).run({
        input: { hold_id: authorized.hold.id, amount: 3, idempotency_key: "c1", additional_data: { job: "render-9" } },
      })
      expect(host.calls.holdCaptured).toEqual([
        { account: captured.account, hold: captured.hold, transaction: captured.transaction, replayed: false, additional_data: { job: "render-9" } },
      ])
      expect(captured.hold).toMatchObject({ status: "captured", captured_amount: 3 })
      expect(captured.account).toMatchObject({ balance: 2, reserved: 0 })
    })

    it("creditPacksPurchased runs in the app's order.placed subscriber, then again on capture with the released lots", async () => {
      const sdk = storefront(api, f.keys.webshop)
      await signUp(sdk, "fred@iap.test")
      const order = await checkout(getContainer(), sdk, f.region.id, [{ variant_id: f.variants.sms100, quantity: 1 }])
      const [lot] = (await orderLots(getContainer(), order.id)).iap_credit_lots
      expect(host.calls.creditPacksPurchased).toEqual([
        {
          order_id: order.id,
          lots: [expect.objectContaining({ lot_id: lot.id, status: "pending" })],
          released_lot_ids: [],
          additional_data: undefined,
        },
      ])

      const paymentId = (await orderLots(getContainer(), order.id)).payment_collections[0].payments[0].id
      const captured = nextDelivery(getContainer(), "payment.captured")
      await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)
      await captured
      expect(host.calls.creditPacksPurchased[1]).toEqual({
        order_id: order.id,
        lots: [expect.objectContaining({ lot_id: lot.id, status: "available" })],
        released_lot_ids: [lot.id],
        additional_data: undefined,
      })
    })
  },
})
