import { WorkflowScheduler } from "@medusajs/framework/orchestration"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { config as retryJobConfig } from "../../src/jobs/retry-recharges"
import { clock } from "../../src/modules/iap/utils/clock"
import { chargeCreditsDirect, IapEvents, retryRecharges, settleRechargeWorkflow } from "../../src/workflows"
import { savedCardId, testPaymentCharges } from "../fixtures/test-payment-provider/service"
import { addInstantDelivery, CheckoutFixtures, nextDelivery, orderLots, recordEvents, seedCheckoutFixtures, signUp, storefront } from "./helpers/checkout-fixtures"

jest.setTimeout(600_000)

const CARD = "pp_iaptest_card"
const HOUR = 3600_000

/** Waits until `probe` returns a truthy value (the recharge runs in a subscriber, after the debit's commit). */
async function until<T>(probe: () => Promise<T>, what: string, ms = 120_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms
  for (;;) {
    const v = await probe()
    if (v) return v as NonNullable<T>
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Lets in-flight subscribers finish: nothing changes for `quietMs`. */
async function settle(probe: () => Promise<unknown>, quietMs = 1500) {
  let last = JSON.stringify(await probe())
  for (let stable = 0; stable < quietMs; stable += 250) {
    await new Promise((r) => setTimeout(r, 250))
    const now = JSON.stringify(await probe())
    if (now !== last) {
      last = now
      stable = -250
    }
  }
}

// The settle hook below throws while this is set: a crash after the payment was authorized.
let crashOnSettle = false
settleRechargeWorkflow.hooks.rechargeSettling(async ({ outcome }) => {
  if (crashOnSettle && outcome.status === "succeeded") throw new Error("crash injected after the payment was authorized")
})

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let f: CheckoutFixtures
    let emitted: { name: string; data: any }[]

    beforeAll(async () => {
      // The retry job runs by hand on the test clock, never on an unplanned tick.
      await new WorkflowScheduler().clearWorkflow({ id: `job-${retryJobConfig.name}` } as any)
    })

    beforeEach(async () => {
      clock.reset()
      crashOnSettle = false
      const container = getContainer()
      f = await seedCheckoutFixtures(container, api)
      await updateRegionsWorkflow(container).run({ input: { selector: { id: f.region.id }, update: { payment_providers: ["pp_system_default", CARD] } } })
      emitted = recordEvents(container)
    })

    afterEach(() => {
      jest.restoreAllMocks()
      clock.reset()
    })

    const adminCapture = async (paymentId: string) => {
      const captured = nextDelivery(getContainer(), "payment.captured")
      await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)
      await captured
    }

    /**
     * A customer who bought 100 SMS by card at checkout (Medusa made them an account holder at the
     * card provider) and whose payment was captured: 5 trial + 100 available.
     */
    const customerWithCard = async (email: string) => {
      const sdk = storefront(api, f.keys.webshop)
      const customer = await signUp(sdk, email)
      let { cart } = await sdk.store.cart.create({ region_id: f.region.id })
      ;({ cart } = await sdk.store.cart.createLineItem(cart.id, { variant_id: f.variants.sms100, quantity: 1 }))
      await addInstantDelivery(sdk, cart.id)
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: CARD })
      const placed = nextDelivery(getContainer(), "order.placed")
      const done = await sdk.store.cart.complete(cart.id)
      if (done.type !== "order") throw new Error(JSON.stringify(done.error))
      await placed
      await adminCapture((await orderLots(getContainer(), done.order.id)).payment_collections[0].payments[0].id)
      const { accounts } = await sdk.client.fetch<any>("/store/iap/accounts")
      const { payment_methods } = await sdk.client.fetch<any>("/store/iap/payment-methods")
      const card = (behaviour: string) => payment_methods.find((m: any) => m.data.behaviour === behaviour).id as string
      return { sdk, customer, account: accounts[0], card, payment_methods }
    }

    const enable = (sdk: any, accountId: string, body: Record<string, unknown>) =>
      sdk.client.fetch(`/store/iap/accounts/${accountId}/auto-recharge`, {
        method: "POST",
        body: { variant_id: f.variants.sms100, trigger: 50, region_id: f.region.id, provider_id: CARD, ...body },
      })

    const debit = (accountId: string, amount: number, key: string) =>
      chargeCreditsDirect(getContainer(), { account_id: accountId, amount, idempotency_key: key })
    const recharges = async (accountId: string) => (await f.iap.listAccountRecharges(accountId, 100)).reverse()
    const balances = async (accountId: string) => {
      const [a] = await f.iap.listAccountsByIds([accountId])
      return { balance: a.balance, pending: a.pending, available: a.available }
    }
    const ordersOf = async (customerId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({
        entity: "order",
        fields: ["id", "total", "metadata", "payment_collections.payments.id", "payment_collections.payments.captured_at"],
        filters: { customer_id: customerId },
      })
      return data as any[]
    }
    const emails = async (customerEmail: string) =>
      (await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ to: customerEmail }, { order: { created_at: "ASC" } })).map(
        (n: any) => ({ template: n.template, status: n.data.status, attempt: n.data.attempt, switched_off: n.data.switched_off, credits_url: n.data.credits_url })
      )
    const named = (name: string) => emitted.filter((e) => e.name === name).map((e) => e.data)

    it("crossing the trigger buys the pack through a real order paid off-session: one order, one payment, credits pending then available", async () => {
      const { sdk, customer, account, card, payment_methods } = await customerWithCard("crossing@iap.test")
      expect(payment_methods.map((m: any) => [m.provider_id, m.id])).toEqual(
        ["visa", "instant", "declined", "threeds"].map((b) => [CARD, savedCardId(b as any, `cus_${customer.id}`)])
      )
      const { auto_recharge } = await enable(sdk, account.id, { payment_method_id: card("visa"), monthly_count_cap: 5, monthly_amount_cap: 100 })
      expect(auto_recharge).toMatchObject({
        account_id: account.id, enabled: true, armed: true, variant_id: f.variants.sms100, quantity: 1, trigger: 50,
        monthly_count_cap: 5, monthly_amount_cap: 100, currency_code: "eur", provider_id: CARD, payment_method_id: card("visa"),
      })

      await debit(account.id, 50, "d1") // 105 → 55: above the trigger, nothing happens
      await debit(account.id, 10, "d2") // 55 → 45: crosses
      await until(async () => named(IapEvents.RECHARGE_SUCCEEDED).length, "recharge succeeded")
      const [r] = await recharges(account.id)
      expect(r).toMatchObject({ status: "succeeded", attempt: 1, credits: 100, amount: 10, currency_code: "eur", error: null })

      const orders = await ordersOf(customer.id)
      expect(orders).toHaveLength(2)
      const order = orders.find((o) => o.id === r.order_id)
      expect([Number(order.total), order.metadata]).toEqual([10, { iap_recharge_id: r.id }])
      expect(order.payment_collections.flatMap((c: any) => c.payments)).toEqual([{ id: r.payment_id, captured_at: null }])
      expect(testPaymentCharges.authorizations.size).toBeGreaterThan(0)
      // credits follow the purchase flow: pending until the payment is captured, then available
      await until(async () => (await balances(account.id)).pending === 100, "pending lot")
      expect(await balances(account.id)).toEqual({ balance: 45, pending: 100, available: 45 })
      await adminCapture(r.payment_id!)
      expect(await balances(account.id)).toEqual({ balance: 145, pending: 0, available: 145 })
      const ledger = await f.iap.listIapTransactions({ account_id: account.id }, { order: { seq: "ASC" }, select: ["type", "amount"] })
      expect(ledger.map((t) => [t.type, Number(t.amount)])).toEqual([["grant", 5], ["purchase", 100], ["debit", -50], ["debit", -10], ["purchase", 100]])
      expect(named(IapEvents.RECHARGE_SUCCEEDED)).toEqual([expect.objectContaining({ id: r.id, account_id: account.id, order_id: order.id })])
      expect(await emails("crossing@iap.test")).toEqual([{ template: "iap-recharge-succeeded", status: "succeeded", attempt: 1, switched_off: false, credits_url: expect.any(String) }])
      // back above the trigger: re-armed for the next crossing
      await until(async () => (await f.iap.retrieveAutoRecharge(account.id))!.armed, "re-armed")
    })

    it("the debit itself says whether settings are on: without, its event says so and nothing starts; saved, the next debit recharges", async () => {
      const { sdk, account, card } = await customerWithCard("late@iap.test")
      const bus = getContainer().resolve(Modules.EVENT_BUS) as any
      const metadataOf = (txId: string) =>
        bus.emit.mock.calls.flatMap((c: any[]) => [c[0]].flat()).find((m: any) => m.name === IapEvents.CREDITS_DEBITED && m.data.id === txId)?.metadata
      const delivered = nextDelivery(getContainer(), IapEvents.CREDITS_DEBITED)
      const first = await debit(account.id, 60, "late-1") // 105 → 45, below any trigger of 50, but no settings yet
      await delivered
      expect(first.auto_recharge).toBe(false)
      expect(metadataOf(first.transaction.id)).toEqual({ iap_auto_recharge: false })
      await enable(sdk, account.id, { payment_method_id: card("instant") })
      expect(await recharges(account.id)).toEqual([])
      const second = await debit(account.id, 1, "late-2") // 45 → 44 with settings on: the trigger reads and starts one
      expect(second.auto_recharge).toBe(true)
      expect(metadataOf(second.transaction.id)).toBeUndefined()
      await until(async () => (await recharges(account.id)).some((x) => x.status === "succeeded"), "recharge")
      expect((await recharges(account.id)).map((x) => x.status)).toEqual(["succeeded"])
    })

    it("100 concurrent debits crossing the trigger start exactly one recharge", async () => {
      const { sdk, customer, account, card } = await customerWithCard("concurrent@iap.test")
      await enable(sdk, account.id, { payment_method_id: card("instant"), trigger: 100 })
      const results = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => debit(account.id, 1, `c${i}`)))
      expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(100)
      await until(async () => (await recharges(account.id)).some((x) => x.status === "succeeded"), "recharge")
      await settle(() => recharges(account.id))
      const all = await recharges(account.id)
      expect(all.map((x) => x.status)).toEqual(["succeeded"])
      expect(await ordersOf(customer.id)).toHaveLength(2)
      // captured at authorization: available at once (5 left + 100)
      await until(async () => (await balances(account.id)).available === 105, "granted")
      expect(named(IapEvents.RECHARGE_SUCCEEDED)).toHaveLength(1)
    })

    it("a decline is retried after 1 h, 6 h and 24 h; the 4th decline switches auto-recharge off; one email each", async () => {
      const T0 = new Date("2031-03-10T08:00:00Z")
      clock.set(T0)
      const { sdk, customer, account, card } = await customerWithCard("declined@iap.test")
      await enable(sdk, account.id, { payment_method_id: card("declined") })
      await debit(account.id, 60, "x1")
      await until(async () => (await recharges(account.id))[0]?.status === "failed", "1st decline")
      const [first] = await recharges(account.id)
      expect(first).toMatchObject({ attempt: 1, error_code: "card_declined", next_attempt_at: new Date(T0.getTime() + HOUR).toISOString() })

      // not yet due: nothing
      clock.set(new Date(T0.getTime() + HOUR - 1))
      expect(await retryRecharges(getContainer())).toEqual([])
      let at = T0.getTime()
      for (const [n, wait] of [[2, 1], [3, 6], [4, 24]] as const) {
        at += wait * HOUR
        clock.set(new Date(at))
        const settled = await retryRecharges(getContainer())
        expect(settled.map((r) => [r.attempt, r.status])).toEqual([[n, "failed"]])
      }
      const all = await recharges(account.id)
      expect(all.map((r) => [r.attempt, r.status, r.next_attempt_at])).toEqual([
        [1, "failed", new Date(T0.getTime() + HOUR).toISOString()],
        [2, "failed", new Date(T0.getTime() + 7 * HOUR).toISOString()],
        [3, "failed", new Date(T0.getTime() + 31 * HOUR).toISOString()],
        [4, "failed", null],
      ])
      expect(all.slice(1).map((r) => r.retry_of)).toEqual(all.slice(0, 3).map((r) => r.id))
      expect(await f.iap.retrieveAutoRecharge(account.id)).toMatchObject({ enabled: false, disabled_reason: "declined" })
      clock.set(new Date(at + 48 * HOUR))
      expect(await retryRecharges(getContainer())).toEqual([])

      expect(await emails("declined@iap.test")).toEqual(
        [1, 2, 3, 4].map((attempt) => ({ template: "iap-recharge-failed", status: "failed", attempt, switched_off: attempt === 4, credits_url: expect.any(String) }))
      )
      expect(named(IapEvents.RECHARGE_FAILED).map((e) => [e.attempt, e.switched_off])).toEqual([[1, false], [2, false], [3, false], [4, true]])
      // no order, no payment
      expect(await ordersOf(customer.id)).toHaveLength(1)
    })

    it("a payment that needs the customer (3-D Secure) is never retried blindly: email with a link, event", async () => {
      const { sdk, customer, account, card } = await customerWithCard("threeds@iap.test")
      await enable(sdk, account.id, { payment_method_id: card("threeds") })
      await debit(account.id, 60, "t1")
      // the attempt is recorded, then the same workflow emails and emits (events leave when it ends)
      await until(async () => named(IapEvents.RECHARGE_REQUIRES_ACTION).length, "requires_action event")
      const [r] = await recharges(account.id)
      expect(r).toMatchObject({ attempt: 1, error_code: "requires_action", next_attempt_at: null, order_id: null })
      clock.set(new Date(Date.now() + 72 * HOUR))
      expect(await retryRecharges(getContainer())).toEqual([])
      expect(await recharges(account.id)).toHaveLength(1)
      expect(await emails("threeds@iap.test")).toEqual([
        { template: "iap-recharge-requires-action", status: "requires_action", attempt: 1, switched_off: false, credits_url: `http://localhost:8000/credits?service=sms&credits=100` },
      ])
      expect(named(IapEvents.RECHARGE_REQUIRES_ACTION)).toEqual([expect.objectContaining({ id: r.id, account_id: account.id, customer_id: customer.id })])
      expect(await ordersOf(customer.id)).toHaveLength(1)
    })

    it("monthly cap: the trigger after the cap only notifies (one email, one event), no order", async () => {
      const { sdk, customer, account, card } = await customerWithCard("cap@iap.test")
      await enable(sdk, account.id, { payment_method_id: card("instant"), monthly_count_cap: 1 })
      await debit(account.id, 60, "m1") // 45 < 50: recharge 1 (captured at once → 145, re-armed)
      await until(async () => (await balances(account.id)).available === 145, "first recharge granted")
      await until(async () => (await f.iap.retrieveAutoRecharge(account.id))!.armed, "re-armed")
      await debit(account.id, 100, "m2") // 45 < 50 again: the cap of 1 a month is reached
      await until(async () => (await recharges(account.id)).length === 2, "capped row")
      await debit(account.id, 1, "m3") // still below, no new crossing: nothing
      await settle(() => recharges(account.id))
      expect((await recharges(account.id)).map((r) => [r.status, r.error_code])).toEqual([["succeeded", null], ["capped", "cap_count"]])
      expect(await ordersOf(customer.id)).toHaveLength(2)
      expect((await emails("cap@iap.test")).map((e) => e.template)).toEqual(["iap-recharge-succeeded", "iap-recharge-cap-reached"])
      expect(named(IapEvents.RECHARGE_CAP_REACHED)).toHaveLength(1)
    })

    it("a crash after the payment was authorized: the retry job completes the same order, no second payment", async () => {
      const { sdk, customer, account, card } = await customerWithCard("crash@iap.test")
      await enable(sdk, account.id, { payment_method_id: card("visa") })
      crashOnSettle = true
      await debit(account.id, 60, "k1")
      await until(async () => (await recharges(account.id))[0]?.cart_id && (await ordersOf(customer.id)).length === 2, "order placed")
      const [stuck] = await recharges(account.id)
      await settle(() => recharges(account.id))
      expect((await recharges(account.id)).map((r) => r.status)).toEqual(["processing"])
      crashOnSettle = false
      // the crashed process's claim runs out; the job resumes the attempt
      expect(await retryRecharges(getContainer())).toEqual([])
      clock.set(new Date(Date.now() + 11 * 60_000))
      const [done] = await retryRecharges(getContainer())
      const orders = await ordersOf(customer.id)
      expect(orders).toHaveLength(2)
      const order = orders.find((o) => o.id === done.order_id)
      expect(done).toMatchObject({ id: stuck.id, status: "succeeded", cart_id: stuck.cart_id })
      expect(order.payment_collections.flatMap((c: any) => c.payments)).toHaveLength(1)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data: [cart] } = await query.graph({ entity: "cart", fields: ["payment_collection.payment_sessions.id"], filters: { id: stuck.cart_id! } })
      const sessions = (cart as any).payment_collection.payment_sessions
      expect(sessions).toHaveLength(1)
      expect(testPaymentCharges.authorizations.get(sessions[0].id)).toBe(1)
      await until(async () => (await balances(account.id)).pending === 100, "one pending lot")
      expect(await f.iap.listIapCreditLots({ account_id: account.id, source_type: "purchase" })).toHaveLength(2)
    })

    it("store API: only the customer's own accounts and saved methods; bad settings answer 4xx naming the field", async () => {
      const a = await customerWithCard("alice@iap.test")
      const b = await customerWithCard("bob@iap.test")
      const status = async (p: Promise<unknown>) => p.then(() => 200, (e: any) => [e.status, e.message])

      // another customer's account: 404 for every method
      expect(await status(b.sdk.client.fetch(`/store/iap/accounts/${a.account.id}/auto-recharge`))).toEqual([404, `IAP account with id: ${a.account.id} was not found`])
      expect(await status(enable(b.sdk, a.account.id, { payment_method_id: b.card("visa") }))).toEqual([404, `IAP account with id: ${a.account.id} was not found`])
      expect(await status(b.sdk.client.fetch(`/store/iap/accounts/${a.account.id}/auto-recharge`, { method: "DELETE" }))).toEqual([404, `IAP account with id: ${a.account.id} was not found`])
      // another customer's saved card on one's own account: 404 naming the field
      expect(await status(enable(b.sdk, b.account.id, { payment_method_id: a.card("visa") }))).toEqual([404, `payment_method_id: saved payment method ${a.card("visa")} was not found`])

      const bad = async (body: Record<string, unknown>) => status(enable(a.sdk, a.account.id, { payment_method_id: a.card("visa"), ...body }))
      expect(await bad({ monthly_count_cap: 0 })).toEqual([400, expect.stringContaining("monthly_count_cap")])
      expect(await bad({ monthly_amount_cap: -5 })).toEqual([400, expect.stringContaining("monthly_amount_cap")])
      expect(await bad({ trigger: 0 })).toEqual([400, expect.stringContaining("trigger")])
      expect(await bad({ quantity: 1.5 })).toEqual([400, expect.stringContaining("quantity")])
      expect(await bad({ color: "red" })).toEqual([400, expect.stringContaining("color")])
      expect(await bad({ provider_id: "pp_system_default" })).toEqual([404, `payment_method_id: saved payment method ${a.card("visa")} was not found`])
      expect(await bad({ region_id: "reg_nope" })).toEqual([400, "region_id: region reg_nope was not found"])
      const { service: other } = await f.iap.createService({ technical_name: "mail", name: "Mail" })
      const res = await api.post("/admin/iap/packs/products", { service_id: other.id, title: "Mail", packs: [{ credits: 10, prices: [{ currency_code: "eur", amount: 3 }] }] }, f.adminHeaders)
      const mailVariant = res.data.packs[0].product_variant.id
      expect(await bad({ variant_id: mailVariant })).toEqual([400, `variant_id: ${mailVariant} is not a credit pack of service sms`])
      expect(await f.iap.retrieveAutoRecharge(a.account.id)).toBeNull()

      // own account: set, read, delete
      await enable(a.sdk, a.account.id, { payment_method_id: a.card("visa") })
      const got = await a.sdk.client.fetch<any>(`/store/iap/accounts/${a.account.id}/auto-recharge`)
      expect(got).toMatchObject({ auto_recharge: { account_id: a.account.id, payment_method_id: a.card("visa") }, recharges: [] })
      expect(await a.sdk.client.fetch(`/store/iap/accounts/${a.account.id}/auto-recharge`, { method: "DELETE" })).toEqual({ id: a.account.id, object: "iap_auto_recharge", deleted: true })
      expect(await f.iap.retrieveAutoRecharge(a.account.id)).toBeNull()

      // admin API: same settings for any customer's account; 404 for an unknown one
      const admin = await api.post(
        `/admin/iap/accounts/${b.account.id}/auto-recharge`,
        { variant_id: f.variants.sms500, trigger: 20, region_id: f.region.id, provider_id: CARD, payment_method_id: b.card("visa"), monthly_count_cap: 2 },
        f.adminHeaders
      )
      expect(admin.data.auto_recharge).toMatchObject({ account_id: b.account.id, variant_id: f.variants.sms500, trigger: 20, monthly_count_cap: 2 })
      expect((await api.get(`/admin/iap/accounts/${b.account.id}/auto-recharge`, f.adminHeaders)).data.auto_recharge.id).toBe(admin.data.auto_recharge.id)
      const missing = await api.get(`/admin/iap/accounts/iapacc_nope/auto-recharge`, f.adminHeaders).catch((e: any) => e.response)
      expect(missing.status).toBe(404)
    })

    it("admin API lists the account's customer's saved methods (as the store route does); none without a holder; 400 for a store account; 404 unknown", async () => {
      const a = await customerWithCard("dashboard@iap.test")
      const get = (accountId: string) => api.get(`/admin/iap/accounts/${accountId}/payment-methods`, f.adminHeaders).catch((e: any) => e.response)
      const listed = await get(a.account.id)
      expect(listed.status).toBe(200)
      expect(listed.data).toEqual({ payment_methods: a.payment_methods })
      expect(listed.data.payment_methods.map((m: any) => m.id)).toEqual(
        ["visa", "instant", "declined", "threeds"].map((b) => savedCardId(b as any, `cus_${a.customer.id}`))
      )
      // The admin saves settings with one of them, as the dashboard's drawer does.
      const saved = await api.post(
        `/admin/iap/accounts/${a.account.id}/auto-recharge`,
        { variant_id: f.variants.sms100, quantity: 2, trigger: 10, monthly_amount_cap: 40, region_id: f.region.id, provider_id: CARD, payment_method_id: a.card("visa") },
        f.adminHeaders
      )
      expect(saved.data.auto_recharge).toMatchObject({ account_id: a.account.id, quantity: 2, trigger: 10, monthly_count_cap: null, monthly_amount_cap: 40, payment_method_id: a.card("visa") })

      // A customer who never paid by card has no account holder, so no saved method.
      const noCard = await signUp(storefront(api, f.keys.webshop), "nocard@iap.test")
      const opened = await api.post("/admin/iap/accounts", { service_id: f.service.id, customer_id: noCard.id }, f.adminHeaders)
      expect((await get(opened.data.account.id)).data).toEqual({ payment_methods: [] })

      const storeAccount = (await api.post("/admin/iap/accounts", { service_id: f.service.id }, f.adminHeaders)).data.account
      const refused = await get(storeAccount.id)
      expect([refused.status, refused.data]).toEqual([
        400,
        { type: "invalid_data", message: `Account ${storeAccount.id} is the store's own: saved payment methods (and auto-recharge) belong to a customer's account` },
      ])
      const missing = await get("iapacc_nope")
      expect([missing.status, missing.data.message]).toEqual([404, "IAP account with id: iapacc_nope was not found"])
    })
  },
})
