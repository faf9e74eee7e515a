import { WorkflowScheduler } from "@medusajs/framework/orchestration"
import { recordEvents } from "./helpers/checkout-fixtures"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import expireHoldsJob, { config as holdsJobConfig } from "../../src/jobs/expire-holds"
import expireLotsJob, { config as lotsJobConfig } from "../../src/jobs/expire-lots"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { clock } from "../../src/modules/iap/utils/clock"
import { authorizeCreditsWorkflow, IapEvents } from "../../src/workflows"

jest.setTimeout(120_000)

const T0 = new Date("2031-06-01T10:00:00.000Z")
const at = (ms: number) => new Date(T0.getTime() + ms)
const HOUR = 3600_000

medusaIntegrationTestRunner({
  testSuite: ({ getContainer, dbConnection }) => {
    let iap: IapModuleService
    let emitted: { name: string; data: any }[]
    let accountId: string

    const ledger = async () => {
      const { rows } = await dbConnection.raw(
        `SELECT type, amount::float AS amount, reference_id FROM iap_transaction WHERE account_id = ? ORDER BY seq`,
        [accountId]
      )
      return rows as { type: string; amount: number; reference_id: string | null }[]
    }
    const named = (name: string) => emitted.filter((e) => e.name === name)
    const authorize = async (credits: number, idempotency_key: string, ttl_seconds?: number) =>
      (
        await authorizeCreditsWorkflow(getContainer()).run({
          input: { service: "sms", account_id: accountId, credits, idempotency_key, ttl_seconds },
        })
      ).result.hold

    beforeAll(async () => {
      // The app schedules both jobs on real time; the tests run them by hand on the test clock,
      // so an unplanned tick cannot expire something first and make the outcome depend on timing.
      const scheduler = new WorkflowScheduler()
      await scheduler.clearWorkflow({ id: `job-${holdsJobConfig.name}` } as any)
      await scheduler.clearWorkflow({ id: `job-${lotsJobConfig.name}` } as any)
    })

    beforeEach(async () => {
      clock.set(T0)
      const container = getContainer()
      iap = container.resolve(IAP_MODULE)
      emitted = recordEvents(container)
      const { service } = await iap.createService({ technical_name: "sms", name: "SMS" })
      accountId = (await iap.createAccount({ service_id: service.id, customer_id: "cus_1" })).account.id
    })

    afterEach(() => {
      jest.restoreAllMocks()
      clock.reset()
    })

    it("the job expires a hold exactly at its TTL, once", async () => {
      await iap.grantCredits({ account_id: accountId, amount: 10, idempotency_key: "seed" })
      const hold = await authorize(4, "h1", 60)
      expect(hold.expires_at).toBe("2031-06-01T10:01:00.000Z")

      clock.set(at(60_000 - 1))
      await expireHoldsJob(getContainer())
      expect(await iap.listIapHolds({ id: hold.id }, { select: ["status"] })).toEqual([expect.objectContaining({ status: "pending" })])
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ reserved: 4, available: 6 })
      expect(named(IapEvents.HOLD_EXPIRED)).toEqual([])

      clock.set(at(60_000))
      await expireHoldsJob(getContainer())
      expect(await iap.listIapHolds({ id: hold.id }, { select: ["status"] })).toEqual([expect.objectContaining({ status: "expired" })])
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 10, reserved: 0, available: 10 })
      expect(named(IapEvents.HOLD_EXPIRED).map((e) => e.data)).toEqual([{ id: hold.id, account_id: accountId, amount: 4 }])

      // Again, and twice at once (two workers): nothing new.
      clock.set(at(HOUR))
      await Promise.all([expireHoldsJob(getContainer()), expireHoldsJob(getContainer())])
      expect(named(IapEvents.HOLD_EXPIRED)).toHaveLength(1)
      // Holds only reserve: expiring one writes no ledger row.
      expect(await ledger()).toEqual([{ type: "grant", amount: 10, reference_id: expect.any(String) }])
    })

    it("the job expires a lot exactly at its expiry, once, leaving held credits until the hold resolves", async () => {
      const expiring = await iap.grantCredits({ account_id: accountId, amount: 10, idempotency_key: "g1", expires_at: at(HOUR) })
      await iap.grantCredits({ account_id: accountId, amount: 5, idempotency_key: "g2" })
      // Draws the soonest-expiring lot first: 3 of the 10 are held.
      const hold = await authorize(3, "h1", 2 * 3600)

      clock.set(at(HOUR - 1))
      await expireLotsJob(getContainer())
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 15, reserved: 3, available: 12 })
      expect(named(IapEvents.LOT_EXPIRED)).toEqual([])

      clock.set(at(HOUR))
      // Reads stop counting the unreserved 7 at once, before any job ran.
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 8, reserved: 3, available: 5 })
      await Promise.all([expireLotsJob(getContainer()), expireLotsJob(getContainer())])
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 8, reserved: 3, available: 5 })
      expect((await ledger()).filter((r) => r.type === "expiry")).toEqual([
        { type: "expiry", amount: -7, reference_id: expiring.lot.id },
      ])
      expect(named(IapEvents.LOT_EXPIRED).map((e) => e.data)).toEqual([{ id: expiring.lot.id, account_id: accountId }])

      await expireLotsJob(getContainer())
      expect((await ledger()).filter((r) => r.type === "expiry")).toHaveLength(1)

      // The hold is canceled: its 3 credits of the expired lot leave at once with their own row.
      await iap.cancelHold({ hold_id: hold.id, idempotency_key: "c1" })
      expect(await iap.retrieveAccount(accountId)).toMatchObject({ balance: 5, reserved: 0, available: 5 })
      expect((await ledger()).filter((r) => r.type === "expiry").map((r) => r.amount)).toEqual([-7, -3])
      await expireLotsJob(getContainer())
      expect((await ledger()).filter((r) => r.type === "expiry")).toHaveLength(2)
    })

    it("the jobs are registered with their schedules", () => {
      expect([holdsJobConfig, lotsJobConfig]).toEqual([
        { name: "iap-expire-holds", schedule: "* * * * *" },
        { name: "iap-expire-lots", schedule: "0 * * * *" },
      ])
    })
  },
})
