import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { authorizeCreditsWorkflow } from "../../src/workflows"

jest.setTimeout(180_000)

// The production set-up (several processes on one Postgres): Redis event bus, Redis workflow engine and Redis locking.
// medusa-config.ts switches them on when REDIS_URL is set; jest gives this file its own env.
process.env.REDIS_URL = process.env.IAP_TEST_REDIS_URL || "redis://127.0.0.1:6379"

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let iap: IapModuleService
    let key: string
    let token: string
    let accountId: string

    const charge = (body: Record<string, unknown>) =>
      api.post("/iap/v1/charge", { account_token: token, ...body }, {
        headers: { authorization: `Bearer ${key}` },
        validateStatus: () => true,
      })

    beforeEach(async () => {
      iap = getContainer().resolve(IAP_MODULE)
      const created = await iap.createService({ technical_name: "reveal", name: "Lead reveal", provider_type: "third_party" })
      key = created.key!
      const acc = await iap.createAccount({ service_id: created.service.id, customer_id: "cus_redis" })
      token = acc.token
      accountId = acc.account.id
      await iap.grantCredits({ account_id: accountId, amount: 10, idempotency_key: "seed" })
    })

    it("runs on the Redis event bus and workflow engine", () => {
      const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
      const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE) as any
      expect(eventBus.constructor.name).toBe("RedisEventBusService")
      expect(engine.constructor.name).toMatch(/WorkflowsModuleService|WorkflowOrchestratorService/)
      expect(getContainer().resolve("configModule").projectConfig.redisUrl).toBe(process.env.REDIS_URL)
    })

    it("keeps the insufficient-credits details through the Redis workflow engine (402 body)", async () => {
      const res = await charge({ credits: 11, idempotency_key: "too-much" })
      expect(res.status).toBe(402)
      expect(res.data).toEqual({
        type: "insufficient_credits",
        message: "Insufficient credits for service reveal: 11 required, 10 available",
        service: "reveal",
        required: 11,
        available: 10,
        credits_url: "http://localhost:8000/credits?service=reveal&credits=1",
      })
    })

    it("keeps the error's fields when a workflow fails on the Redis engine", async () => {
      const err = await authorizeCreditsWorkflow(getContainer())
        .run({ input: { service: "reveal", account_id: accountId, credits: 12, idempotency_key: "auth-too-much" } })
        .catch((e) => e)
      expect(err).toMatchObject({ type: "insufficient_credits", service: "reveal", required: 12, available: 10, account_id: accountId })
      const res = await api.post(
        "/iap/v1/authorize",
        { account_token: token, credits: 12, idempotency_key: "auth-http" },
        { headers: { authorization: `Bearer ${key}` }, validateStatus: () => true }
      )
      expect([res.status, res.data.type, res.data.required, res.data.available]).toEqual([402, "insufficient_credits", 12, 10])
    })

    it("stays exact under 20 parallel charges against 10 credits", async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => charge({ credits: 1, idempotency_key: `p-${i}` }))
      )
      expect(results.filter((r) => r.status === 200)).toHaveLength(10)
      expect(results.filter((r) => r.status === 402)).toHaveLength(10)
      const { rows } = await dbConnection.raw(
        `SELECT a.balance::text AS balance, (SELECT sum(amount)::text FROM iap_transaction t WHERE t.account_id = a.id) AS ledger
         FROM iap_account a WHERE a.id = ?`,
        [accountId]
      )
      expect(rows[0]).toEqual({ balance: "0", ledger: "0" })
      const replay = await charge({ credits: 1, idempotency_key: "p-0" })
      expect([replay.status, replay.data.replayed]).toEqual([200, true])
    })
  },
})
