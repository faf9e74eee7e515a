import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { adminSession, channelsWithKeys, iapOf, signedInCustomer } from "./helpers/portal-fixtures"

jest.setTimeout(180_000)

/**
 * Each kind of bad input found by fuzzing the IAP routes answers a 4xx naming the problem and
 * changes nothing (the seeded fuzz spec covers the same at random; these are the exact cases).
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("answers each known kind of bad input with a 400 naming it, and changes nothing", async () => {
      const container = getContainer()
      const iap = iapOf(container)
      const { headers: admin } = await adminSession(container)
      const { Webshop } = await channelsWithKeys(container, ["Webshop"])
      const alice = await signedInCustomer(api, Webshop.key, "alice@iap.test")
      const { service, key } = await iap.createService({ technical_name: "reveal", name: "Reveal", provider_type: "third_party" })
      const { account, token } = await iap.createAccount({ service_id: service.id, customer_id: alice.id })
      const { lot } = await iap.grantCredits({ account_id: account.id, amount: 10, idempotency_key: "g" })
      const { hold } = await iap.authorizeCredits({ account_id: account.id, amount: 1, idempotency_key: "h" })
      const provider = { authorization: `Bearer ${key}` }
      const store = alice.headers().headers

      const raw = (method: string, url: string, data: string | undefined, headers: Record<string, string>) =>
        api.request({
          method,
          url,
          data,
          headers: { ...headers, ...(data ? { "content-type": "application/json" } : {}) },
          transformRequest: [(d: unknown) => d],
          validateStatus: () => true,
        })
      const ledger = async () =>
        (await dbConnection.raw(`SELECT type, amount::text FROM iap_transaction WHERE account_id = ? ORDER BY seq`, [account.id])).rows
      const before = await ledger()

      const NUL = (where: string) => ({ type: "invalid_data", message: `${where} must not contain NUL characters (\\u0000)` })
      const cases: [string, string, string | undefined, Record<string, string>, number, unknown][] = [
        // NUL in body fields
        ["POST", "/iap/v1/charge", JSON.stringify({ account_token: token, credits: 1, idempotency_key: "k\u0000" }), provider, 400, NUL("idempotency_key")],
        ["POST", "/iap/v1/charge", JSON.stringify({ account_token: token, credits: 1, idempotency_key: "k", description: "SMS\u0000" }), provider, 400, NUL("description")],
        ["POST", "/iap/v1/capture", JSON.stringify({ account_token: token, hold_id: `${hold.id}\u0000`, idempotency_key: "c" }), provider, 400, NUL("hold_id")],
        ["POST", `/admin/iap/accounts/${account.id}/grant`, JSON.stringify({ amount: 1, note: "gift\u0000" }), admin.headers, 400, NUL("note")],
        // NUL in path ids
        ["GET", "/admin/iap/accounts/%00", undefined, admin.headers, 400, NUL("the URL path")],
        ["GET", "/store/iap/accounts/%00", undefined, store, 400, NUL("the URL path")],
        ["POST", `/admin/iap/accounts/${account.id}/lots/%00/void`, "{}", admin.headers, 400, NUL("the URL path")],
        ["GET", "/admin/iap/packs/%00", undefined, admin.headers, 400, NUL("the URL path")],
        // NUL in query values
        ["GET", "/admin/iap/accounts?service=%00", undefined, admin.headers, 400, NUL("query parameter service")],
        ["GET", "/store/iap/packs?region_id=%00", undefined, store, 400, NUL("query parameter region_id")],
        // Impossible or unstorable dates
        ["GET", "/admin/iap/consumption?from=2020-13-45", undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: from must be a date (YYYY-MM-DD)" }],
        ["GET", "/store/iap/consumption?from=2020-13-45", undefined, store, 400, { type: "invalid_data", message: "Invalid request: from must be a date (YYYY-MM-DD)" }],
        ["GET", "/admin/iap/transactions?created_at[$gte]=0000-01-01", undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: created_at[$gte] must be an ISO 8601 date or date-time (years 0001–9999)" }],
        ["GET", "/admin/iap/transactions/export?created_at[$lte]=%2B275760-09-13T00:00:00.000Z", undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: created_at[$lte] must be an ISO 8601 date or date-time (years 0001–9999)" }],
        ["GET", `/store/iap/accounts/${account.id}/transactions?created_at[$gte]=2020-02-30`, undefined, store, 400, { type: "invalid_data", message: "Invalid request: created_at[$gte] must be an ISO 8601 date or date-time (years 0001–9999)" }],
        ["POST", `/admin/iap/accounts/${account.id}/grant`, JSON.stringify({ amount: 1, note: "x", expires_at: "0000-01-01T00:00:00Z" }), admin.headers, 400, { type: "invalid_data", message: "Invalid request: expires_at must be an ISO 8601 date or date-time (years 0001–9999)" }],
        // order / fields outside the allow-lists (and no way to a secret)
        ["GET", "/admin/iap/packs?order=foo", undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: order must be one of created_at, -created_at, updated_at, -updated_at, credits, -credits" }],
        ["GET", "/admin/iap/packs?fields=service.key_hash", undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: fields: service.key_hash is not allowed" }],
        ["GET", "/admin/iap/packs?fields=*service", undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: fields: *service is not allowed" }],
        ["GET", `/admin/iap/services/${service.id}?fields=key_hash`, undefined, admin.headers, 400, { type: "invalid_data", message: "Invalid request: fields: key_hash is not allowed" }],
        // JSON numbers whose shortest form has more than 4 decimals: refused, never rounded
        ["POST", "/iap/v1/charge", `{"account_token":"${token}","credits":0.30000000000000004,"idempotency_key":"f1"}`, provider, 400, { type: "invalid_data", message: "Invalid request: credits must have at most 4 decimal places" }],
        ["POST", `/admin/iap/accounts/${account.id}/grant`, `{"amount":1.0000000000000002,"note":"x"}`, admin.headers, 400, { type: "invalid_data", message: "Invalid request: amount must have at most 4 decimal places" }],
      ]
      const got: unknown[] = []
      for (const [method, url, data, headers] of cases) {
        const res = await raw(method, url, data, headers)
        got.push([method, url, res.status, res.data])
      }
      expect(got).toEqual(cases.map(([method, url, , , status, body]) => [method, url, status, body]))

      expect(await ledger()).toEqual(before)
      expect((await dbConnection.raw(`SELECT remaining::text FROM iap_credit_lot WHERE id = ?`, [lot.id])).rows).toEqual([{ remaining: "10" }])
    })
  },
})
