import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { recordEvents } from "./helpers/checkout-fixtures"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { chargeCreditsWorkflow, IapEvents, withCredits } from "../../src/workflows"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    let iap: IapModuleService
    let emitted: { name: string; data: any }[]

    beforeEach(async () => {
      const container = getContainer()
      iap = container.resolve(IAP_MODULE)
      emitted = recordEvents(container)
      await iap.createService({ technical_name: "sms", name: "SMS", trial_credits: 3 })
    })

    afterEach(() => jest.restoreAllMocks())

    it("charges through the workflow, creating the account with its trial, and emits events", async () => {
      const { result } = await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: "cus_1", credits: 2, idempotency_key: "k1" },
      })
      expect(result.account).toMatchObject({ balance: 1, available: 1 })
      expect(emitted.map((e) => e.name)).toEqual(expect.arrayContaining([IapEvents.ACCOUNT_CREATED, IapEvents.CREDITS_DEBITED]))
      const debited = emitted.find((e) => e.name === IapEvents.CREDITS_DEBITED)!
      expect(debited.data).toEqual({ id: result.transaction.id, account_id: result.account.id, service: "sms", customer_id: "cus_1", amount: 2 })
    })

    it("lets the insufficient-credits error through the workflow with its numbers", async () => {
      const err = await chargeCreditsWorkflow(getContainer())
        .run({ input: { service: "sms", customer_id: "cus_2", credits: 5, idempotency_key: "k2" } })
        .catch((e) => e)
      expect(err).toMatchObject({ type: "insufficient_credits", service: "sms", required: 5, available: 3 })
    })

    it("withCredits captures what the work used, and cancels + rethrows on failure", async () => {
      const container = getContainer()
      const out = await withCredits(container, { service: "sms", customer_id: "cus_3", credits: 3, idempotency_key: "w1" }, async (hold, usage) => {
        expect(hold.amount).toBe(3)
        usage.credits = 2
        return "sent"
      })
      expect(out).toBe("sent")
      const boom = new Error("gateway down")
      await expect(
        withCredits(container, { service: "sms", customer_id: "cus_3", credits: 1, idempotency_key: "w2" }, async () => {
          throw boom
        })
      ).rejects.toBe(boom)
      const { account } = await iap.resolveAccount({ service_id: (await iap.retrieveServiceByName("sms")).id, customer_id: "cus_3" })
      expect(account).toMatchObject({ balance: 1, reserved: 0, available: 1 })
      expect(emitted.filter((e) => e.name === IapEvents.HOLD_CANCELED)).toHaveLength(1)
      expect(emitted.filter((e) => e.name === IapEvents.HOLD_CAPTURED)).toHaveLength(1)
    })
  },
})
