import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { ensureDemoSmsService, sendDemoSms } from "../../src/scripts/demo/sms-service"
import serviceUsedHandler from "../../src/subscribers/service-used"
import { IapEvents } from "../../src/workflows"
import { recordEvents } from "./helpers/checkout-fixtures"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, dbConnection }) => {
    let iap: IapModuleService
    let eventBus: any
    let emitted: { name: string; data: any }[]
    let accountId: string

    const ledger = async (account: string) => {
      const { rows } = await dbConnection.raw(
        `SELECT type, amount::float AS amount, idempotency_key FROM iap_transaction WHERE account_id = ? ORDER BY seq`,
        [account]
      )
      return rows as { type: string; amount: number; idempotency_key: string | null }[]
    }

    /** Emits `iap.service.used` like any module would, and waits until its subscriber finished. */
    const use = async (data: Record<string, unknown>) => {
      const done = TestEventUtils.waitSubscribersExecution(IapEvents.SERVICE_USED, eventBus)
      await eventBus.emit({ name: IapEvents.SERVICE_USED, data })
      await done
    }

    /** Same, and returns the `iap.charge.failed` event it caused. */
    const failingUse = async (data: Record<string, unknown>) => {
      // Nothing subscribes to it here, so the wait adds a listener and resolves with [event].
      const failed = TestEventUtils.waitSubscribersExecution(IapEvents.CHARGE_FAILED, eventBus) as Promise<any>
      await use(data)
      const [event] = await failed
      return event.data
    }

    const named = (name: string) => emitted.filter((e) => e.name === name)

    beforeEach(async () => {
      const container = getContainer()
      iap = container.resolve(IAP_MODULE)
      eventBus = container.resolve(Modules.EVENT_BUS)
      emitted = recordEvents(container)
      const { service } = await iap.createService({ technical_name: "sms", name: "SMS", integer_credits: true })
      const { account } = await iap.createAccount({ service_id: service.id, customer_id: "cus_1" })
      accountId = account.id
      await iap.grantCredits({ account_id: accountId, amount: 5, idempotency_key: "seed" })
      emitted.length = 0
    })

    afterEach(() => jest.restoreAllMocks())

    it("debits once: the same event delivered twice writes one debit and one iap.credits.debited", async () => {
      const data = { service: "sms", customer_id: "cus_1", credits: 2, idempotency_key: "msg-1", description: "SMS to +4912345" }
      await use(data)
      await use(data)
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 3, reserved: 0, available: 3 })
      expect(await ledger(accountId)).toEqual([
        { type: "grant", amount: 5, idempotency_key: "seed" },
        { type: "debit", amount: -2, idempotency_key: "msg-1" },
      ])
      const debited = named(IapEvents.CREDITS_DEBITED)
      expect(debited).toHaveLength(1)
      expect(debited[0].data).toEqual({ id: expect.any(String), account_id: accountId, service: "sms", customer_id: "cus_1", amount: 2 })
      expect(named(IapEvents.CHARGE_FAILED)).toEqual([])
    })

    it("charges the account of the event's sales channel (rule 12)", async () => {
      const { service } = { service: await iap.retrieveServiceByName("sms") }
      const restricted = await iap.createAccount({ service_id: service.id, customer_id: "cus_1", sales_channel_ids: ["sc_b2b"] })
      await iap.grantCredits({ account_id: restricted.account.id, amount: 4, idempotency_key: "seed" })
      await use({ service: "sms", customer_id: "cus_1", sales_channel_id: "sc_b2b", credits: 1, idempotency_key: "b2b-1" })
      await use({ service: "sms", customer_id: "cus_1", sales_channel_id: "sc_web", credits: 1, idempotency_key: "web-1" })
      expect((await iap.retrieveAccount(restricted.account.id)).balance).toBe(3)
      expect((await iap.retrieveAccount(accountId)).balance).toBe(4)
    })

    it("emits iap.charge.failed for insufficient credits, and debits nothing", async () => {
      const event = await failingUse({ service: "sms", customer_id: "cus_1", credits: 6, idempotency_key: "msg-2" })
      expect(event).toEqual({
        id: "msg-2",
        service: "sms",
        customer_id: "cus_1",
        sales_channel_id: null,
        account_id: accountId,
        credits: 6,
        reason: "insufficient_credits",
        message: "Insufficient credits for service sms: 6 required, 5 available",
      })
      expect(await ledger(accountId)).toHaveLength(1)
      expect(named(IapEvents.CREDITS_DEBITED)).toEqual([])
    })

    it("emits iap.charge.failed for an unknown service, a suspended account and a bad amount", async () => {
      expect(await failingUse({ service: "fax", customer_id: "cus_1", credits: 1, idempotency_key: "f1" })).toEqual({
        id: "f1",
        service: "fax",
        customer_id: "cus_1",
        sales_channel_id: null,
        account_id: null,
        credits: 1,
        reason: "not_found",
        message: "IAP service fax was not found",
      })
      expect(await failingUse({ service: "sms", customer_id: "cus_1", credits: 1.5, idempotency_key: "f2" })).toMatchObject({
        id: "f2",
        account_id: null,
        reason: "invalid_data",
        message: "credits must be a whole number for this service",
      })
      expect(await failingUse({ service: "sms", customer_id: "cus_1", credits: -1, idempotency_key: "f3" })).toMatchObject({
        reason: "invalid_data",
        message: "credits must be greater than 0",
      })
      await iap.updateAccount(accountId, { state: "suspended" })
      expect(await failingUse({ service: "sms", customer_id: "cus_1", credits: 1, idempotency_key: "f4" })).toMatchObject({
        id: "f4",
        account_id: accountId,
        reason: "not_allowed",
        message: `IAP account ${accountId} is suspended: debit is not allowed`,
      })
      expect(await ledger(accountId)).toHaveLength(1)
      expect(named(IapEvents.CHARGE_FAILED)).toHaveLength(4)
    })

    it("reports a key reused for another request as a conflict, keeping the first debit", async () => {
      await use({ service: "sms", customer_id: "cus_1", credits: 1, idempotency_key: "k" })
      expect(await failingUse({ service: "sms", customer_id: "cus_1", credits: 2, idempotency_key: "k" })).toMatchObject({
        reason: "conflict",
        message: "Idempotency key k was already used with a different request",
      })
      expect((await iap.retrieveAccount(accountId)).balance).toBe(4)
    })

    it("the subscriber resolves (does not throw) on a business failure, so the bus never retries it", async () => {
      await expect(
        serviceUsedHandler({
          event: { name: IapEvents.SERVICE_USED, data: { service: "sms", customer_id: "cus_1", credits: 50, idempotency_key: "x" } },
          container: getContainer(),
        } as any)
      ).resolves.toBeUndefined()
      expect(named(IapEvents.CHARGE_FAILED).map((e) => e.data.reason)).toEqual(["insufficient_credits"])
    })

    it("creates the holder's account on first use, with its trial credits", async () => {
      const { id } = await iap.retrieveServiceByName("sms")
      await iap.updateService(id, { trial_credits: 3 })
      await use({ service: "sms", customer_id: "cus_new", credits: 1, idempotency_key: "first" })
      const created = named(IapEvents.ACCOUNT_CREATED)
      expect(created).toHaveLength(1)
      expect(await iap.retrieveAccount(created[0].data.id)).toMatchObject({ customer_id: "cus_new", balance: 2 })
      // the trial grant is announced like any grant, with its ledger row and lot
      const [trial] = await iap.listIapCreditLots({ account_id: created[0].data.id, source_type: "trial" })
      const { rows: [grantRow] } = await dbConnection.raw(`SELECT id FROM iap_transaction WHERE account_id = ? AND type = 'grant'`, [created[0].data.id])
      expect(named(IapEvents.CREDITS_GRANTED).map((e) => e.data)).toEqual([
        { id: grantRow.id, account_id: created[0].data.id, lot_id: trial.id, amount: 3 },
      ])
      // a second use of the same account announces nothing of the kind again
      await use({ service: "sms", customer_id: "cus_new", credits: 1, idempotency_key: "second" })
      expect(named(IapEvents.ACCOUNT_CREATED)).toHaveLength(1)
      expect(named(IapEvents.CREDITS_GRANTED)).toHaveLength(1)
    })

    it("demo SMS service: one credit per 160-character part through withCredits", async () => {
      // beforeEach made "sms" already: the demo keeps it as it is.
      expect((await ensureDemoSmsService(getContainer())).created).toBe(false)
      const short = await sendDemoSms(getContainer(), { to: "+4915112345678", text: "Your order has shipped", customer_id: "cus_1" })
      const long = await sendDemoSms(getContainer(), { to: "+4915112345678", text: "x".repeat(161), customer_id: "cus_1" })
      expect([short.credits, long.credits]).toEqual([1, 2])
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 2, reserved: 0, available: 2 })
      expect((await ledger(accountId)).map((r) => [r.type, r.amount, r.idempotency_key])).toEqual([
        ["grant", 5, "seed"],
        ["capture", -1, `${short.message_id}:capture`],
        ["capture", -2, `${long.message_id}:capture`],
      ])
    })
  },
})
