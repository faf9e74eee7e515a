import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { chargeCreditsWorkflow } from "../../src/workflows"

jest.setTimeout(120_000)

// The root medusa-config.ts reads this when the runner loads it (in beforeAll). Jest gives every
// test file its own copy of process.env, so the other files keep the default "enabled".
process.env.IAP_THIRD_PARTY_SERVICES = "disabled"

const FORBIDDEN = { type: "forbidden", message: "Third-party services are disabled on this store" }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let iap: IapModuleService
    let key: string
    let token: string
    let accountId: string

    const post = (path: string, body: unknown, bearer: string) =>
      api.post(`/iap/v1/${path}`, body, { headers: { authorization: `Bearer ${bearer}` }, validateStatus: () => true })

    beforeEach(async () => {
      iap = getContainer().resolve(IAP_MODULE)
      const created = await iap.createService({ technical_name: "reveal", name: "Lead reveal", provider_type: "third_party" })
      key = created.key!
      const acc = await iap.createAccount({ service_id: created.service.id, customer_id: "cus_1" })
      token = acc.token
      accountId = acc.account.id
      await iap.grantCredits({ account_id: accountId, amount: 5, idempotency_key: "seed" })
    })

    it("answers 403 to a third-party service on every endpoint, before reading the body", async () => {
      expect(iap.getOptions().thirdPartyServices).toBe("disabled")
      const calls: [string, unknown][] = [
        ["balance", { account_token: token }],
        ["charge", { account_token: token, credits: 1, idempotency_key: "c1" }],
        ["authorize", { account_token: token, credits: 1, idempotency_key: "a1" }],
        ["capture", { account_token: token, hold_id: "iaphold_x", idempotency_key: "x" }],
        ["cancel", { nonsense: true }],
      ]
      for (const [path, body] of calls) {
        const res = await post(path, body, key)
        expect([path, res.status, res.data]).toEqual([path, 403, FORBIDDEN])
      }
      expect((await iap.retrieveAccount(accountId)).balance).toBe(5)
    })

    it("still answers 401 to a wrong key, and first-party charging keeps working", async () => {
      const res = await post("balance", { account_token: token }, "iapk_wrong")
      expect([res.status, res.data]).toEqual([401, { type: "unauthorized", message: "Invalid service key" }])
      await iap.createService({ technical_name: "sms", name: "SMS", trial_credits: 2 })
      const { result } = await chargeCreditsWorkflow(getContainer()).run({
        input: { service: "sms", customer_id: "cus_1", credits: 1, idempotency_key: "s1" },
      })
      expect(result.account).toMatchObject({ service: "sms", balance: 1 })
    })

    it("refuses a third-party key on the Odoo protocol too (AccessError), before touching the account", async () => {
      expect(iap.getOptions().odooProtocol).toBe("enabled")
      const res = await api.post(
        "/iap/1/authorize",
        { jsonrpc: "2.0", method: "call", id: "5d41402abc4b2a76b9719d911017c592", params: { account_token: token, credit: 1, key, ttl: 1 } },
        { validateStatus: () => true }
      )
      expect([res.status, res.data]).toEqual([
        200,
        {
          jsonrpc: "2.0",
          id: "5d41402abc4b2a76b9719d911017c592",
          error: { code: 200, message: "IAP Server Error", data: { name: "odoo.exceptions.AccessError", message: FORBIDDEN.message } },
        },
      ])
      const { rows } = await dbConnection.raw(`SELECT count(*)::int AS n FROM iap_hold`)
      expect(rows[0].n).toBe(0)
    })
  },
})
