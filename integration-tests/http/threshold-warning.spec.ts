import { medusaIntegrationTestRunner, TestEventUtils } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type IapModuleService from "../../src/modules/iap/service"
import {
  adjustCreditsWorkflow,
  chargeCreditsWorkflow,
  grantCreditsWorkflow,
  IapEvents,
  sendThresholdWarningWorkflow,
  voidCreditLotWorkflow,
} from "../../src/workflows"
import { channelsWithKeys, iapOf, signedInCustomer } from "./helpers/portal-fixtures"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let iap: IapModuleService
    let sms: { id: string }

    beforeEach(async () => {
      iap = iapOf(getContainer())
      sms = (await iap.createService({ technical_name: "sms", name: "Text messages", unit_name: "SMS", integer_credits: true })).service
    })

    const eventBus = () => getContainer().resolve(Modules.EVENT_BUS)

    /** Runs a ledger workflow; when it should cross, waits until the warning subscriber finished. */
    async function step(run: () => Promise<unknown>, crosses: boolean) {
      const done = crosses ? TestEventUtils.waitSubscribersExecution(IapEvents.THRESHOLD_REACHED, eventBus()) : null
      await run()
      await done
    }

    const charge = (account_id: string, credits: number, key: string) => () =>
      chargeCreditsWorkflow(getContainer()).run({ input: { service: "sms", account_id, credits, idempotency_key: key } })
    const grant = (account_id: string, amount: number, key: string) => () =>
      grantCreditsWorkflow(getContainer()).run({ input: { account_id, amount, idempotency_key: key } })

    async function warnings(accountId: string) {
      const notifications = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ resource_id: accountId }, { order: { created_at: "ASC" } })
      return notifications.map((n: any) => ({ to: n.to, available: n.data.available, status: n.status, key: n.idempotency_key }))
    }

    it("sends one email per recipient per downward crossing, none further below, again after a recharge", async () => {
      const { account } = await iap.createAccount({
        service_id: sms.id,
        warning_threshold: 10,
        warning_emails: ["ops@acme.test", "cto@acme.test"],
      })
      await step(grant(account.id, 20, "g1"), false)
      await step(charge(account.id, 5, "c1"), false) // 15: above
      expect(await warnings(account.id)).toEqual([])

      await step(charge(account.id, 7, "c2"), true) // 8: below → one each
      const first = await warnings(account.id)
      expect(first.map(({ to, available, status }) => ({ to, available, status })).sort((a, b) => a.to.localeCompare(b.to))).toEqual([
        { to: "cto@acme.test", available: 8, status: "success" },
        { to: "ops@acme.test", available: 8, status: "success" },
      ])

      const [notification]: any[] = await getContainer()
        .resolve(Modules.NOTIFICATION)
        .listNotifications({ resource_id: account.id, to: "ops@acme.test" })
      expect(notification).toMatchObject({
        channel: "email",
        template: "iap-threshold-warning",
        trigger_type: "iap.account.threshold_reached",
        resource_type: "iap_account",
        receiver_id: null,
        data: {
          account_id: account.id,
          service: "sms",
          service_name: "Text messages",
          unit_name: "SMS",
          available: 8,
          threshold: 10,
          credits_url: "http://localhost:8000/credits?service=sms&credits=2",
        },
      })
      expect(notification.idempotency_key).toMatch(new RegExp(`^iap-threshold-warning:${account.id}:.+:8:ops@acme\\.test$`))

      await step(charge(account.id, 3, "c3"), false) // 5: further below → nothing
      expect(await warnings(account.id)).toHaveLength(2)
      expect((await iap.retrieveAccount(account.id)).warning_armed).toBe(false)

      await step(grant(account.id, 20, "g2"), false) // 25: re-armed
      expect((await iap.retrieveAccount(account.id)).warning_armed).toBe(true)
      expect(await warnings(account.id)).toHaveLength(2)

      await step(charge(account.id, 16, "c4"), true) // 9: below again → one more each
      const all = await warnings(account.id)
      expect(all.map((n) => [n.to, n.available]).sort()).toEqual([
        ["cto@acme.test", 8],
        ["cto@acme.test", 9],
        ["ops@acme.test", 8],
        ["ops@acme.test", 9],
      ])
      expect(new Set(all.map((n) => n.key)).size).toBe(4)
    })

    it("writes to the customer's email when the account has no recipients, and set through the store API", async () => {
      const channels = await channelsWithKeys(getContainer(), ["Webshop"])
      const carla = await signedInCustomer(api, channels.Webshop.key, "carla@example.test")
      const { account } = await iap.createAccount({ service_id: sms.id, customer_id: carla.id, warning_threshold: 5 })
      await step(grant(account.id, 6, "g1"), false)
      await step(charge(account.id, 2, "c1"), true) // 4 < 5
      expect((await warnings(account.id)).map((n) => [n.to, n.available])).toEqual([["carla@example.test", 4]])
      const [notification] = await getContainer().resolve(Modules.NOTIFICATION).listNotifications({ resource_id: account.id })
      expect(notification.receiver_id).toBe(carla.id)

      // Carla sets her own threshold and recipients in the storefront: the new threshold re-arms.
      await api.post(
        `/store/iap/accounts/${account.id}`,
        { warning_threshold: 3, warning_emails: ["billing@carla.test"] },
        carla.headers()
      )
      await step(charge(account.id, 2, "c2"), true) // 2 < 3
      expect((await warnings(account.id)).map((n) => [n.to, n.available])).toEqual([
        ["carla@example.test", 4],
        ["billing@carla.test", 2],
      ])
    })

    it("sends nothing twice for one crossing, nor when the warning was turned off or nobody is to be told", async () => {
      const { account } = await iap.createAccount({ service_id: sms.id, warning_threshold: 10, warning_emails: ["ops@acme.test"] })
      const input = { account_id: account.id, crossing_id: "crossing-1", available: 4 }
      await sendThresholdWarningWorkflow(getContainer()).run({ input })
      await sendThresholdWarningWorkflow(getContainer()).run({ input })
      expect(await warnings(account.id)).toEqual([
        { to: "ops@acme.test", available: 4, status: "success", key: `iap-threshold-warning:${account.id}:crossing-1:ops@acme.test` },
      ])

      await iap.updateAccount(account.id, { warning_threshold: null })
      await sendThresholdWarningWorkflow(getContainer()).run({ input: { ...input, crossing_id: "crossing-2" } })
      expect(await warnings(account.id)).toHaveLength(1)

      const store = await iap.createAccount({ service_id: sms.id, sales_channel_ids: ["sc_x"], warning_threshold: 10 })
      const { result } = await sendThresholdWarningWorkflow(getContainer()).run({
        input: { account_id: store.account.id, crossing_id: "crossing-3", available: 1 },
      })
      expect(result).toEqual([])
    })

    it("warns when an admin adjustment or lot void takes the account below its threshold", async () => {
      const { account } = await iap.createAccount({ service_id: sms.id, warning_threshold: 10, warning_emails: ["ops@acme.test"] })
      const { result } = await grantCreditsWorkflow(getContainer()).run({ input: { account_id: account.id, amount: 30, idempotency_key: "g1" } })
      await step(() => adjustCreditsWorkflow(getContainer()).run({ input: { account_id: account.id, amount: -15, note: "fix", idempotency_key: "a1" } }), false)
      await step(() => voidCreditLotWorkflow(getContainer()).run({ input: { lot_id: result.lot.id, idempotency_key: "v1" } }), true)
      expect((await warnings(account.id)).map((n) => [n.to, n.available])).toEqual([["ops@acme.test", 0]])
    })
  },
})
