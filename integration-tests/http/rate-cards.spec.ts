import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { clock } from "../../src/modules/iap/utils/clock"
import { consumeServiceWorkflow } from "../../src/workflows/credits/consume-service"
import { withCredits } from "../../src/workflows/credits/with-credits"
import { IapProviderClient, IapProviderError } from "../../src/provider-client"
import { adminSession, channelsWithKeys, type Headers } from "./helpers/portal-fixtures"

jest.setTimeout(180_000)

const T0 = new Date("2031-03-10T12:00:00.000Z")
const DAY = 24 * 3600 * 1000

const CSV = [
  "metric,country,unit_credits,tiers",
  "sms_part,DE,0.5,",
  "sms_part,FR,0.75,",
  "sms_part,*,1,",
  "token,,,1000:0.01|*:0.005",
].join("\n")

/** Rule 15 over HTTP: rate cards in the admin and store APIs, usages in the provider API and workflows. */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let iap: IapModuleService
    let admin: Headers
    let key: string
    let serviceId: string
    let accountId: string
    let token: string
    let pk: Headers

    const post = (path: string, body: unknown): Promise<AxiosResponse> =>
      api.post(`/iap/v1/${path}`, { account_token: token, ...(body as object) }, {
        headers: { authorization: `Bearer ${key}` },
        validateStatus: () => true,
      })
    const adminPost = (path: string, body: unknown) => api.post(path, body, { ...admin, validateStatus: () => true })
    const adminGet = (path: string) => api.get(path, { ...admin, validateStatus: () => true })

    const debits = async () => {
      const { rows } = await dbConnection.raw(
        `SELECT type, amount::text AS amount, usage, rate_version, idempotency_key FROM iap_transaction
         WHERE account_id = ? AND type IN ('debit', 'capture') ORDER BY seq`,
        [accountId]
      )
      return rows
    }

    beforeEach(async () => {
      clock.set(T0)
      const container = getContainer()
      iap = container.resolve(IAP_MODULE)
      admin = (await adminSession(container, `admin-${Date.now()}@iap.test`)).headers
      const created = await iap.createService({ technical_name: "sms", name: "SMS", unit_name: "SMS", provider_type: "third_party" })
      key = created.key!
      serviceId = created.service.id
      const acc = await iap.createAccount({ service_id: serviceId, customer_id: "cus_1" })
      accountId = acc.account.id
      token = acc.token
      await iap.grantCredits({ account_id: accountId, amount: 100, idempotency_key: "seed" })
      const imported = await adminPost(`/admin/iap/services/${serviceId}/import-rates`, { csv: CSV, note: "launch" })
      expect(imported.status).toBe(200)
      const channels = await channelsWithKeys(container, [`Webshop ${Date.now()}`])
      pk = { headers: { "x-publishable-api-key": Object.values(channels)[0].key } }
    })

    afterEach(() => clock.reset())

    it("admin: imports, lists, exports the CSV unchanged, and names the bad field", async () => {
      const list = await adminGet(`/admin/iap/services/${serviceId}/rate-versions`)
      expect(list.data.rate_versions).toEqual([
        expect.objectContaining({ version: 1, status: "current", rate_count: 4, note: "launch", valid_from: T0.toISOString() }),
      ])
      const v1 = list.data.rate_versions[0].id
      const exported = await adminGet(`/admin/iap/services/${serviceId}/rate-versions/${v1}/export`)
      expect(exported.headers["content-type"]).toContain("text/csv")
      expect(exported.data).toBe(CSV.split("\n").join("\r\n") + "\r\n")

      const bad = await adminPost(`/admin/iap/services/${serviceId}/rate-versions`, {
        rates: [{ metric: "sms_part", tiers: [{ up_to: 10, unit_credits: 1 }] }],
      })
      expect([bad.status, bad.data.message]).toEqual([400, "rates[0].tiers[0].up_to must be null: the last tier has no limit"])
      const unknown = await adminPost(`/admin/iap/services/${serviceId}/rate-versions`, { rates: [], price: 1 })
      expect(unknown.status).toBe(400)
      const csvBad = await adminPost(`/admin/iap/services/${serviceId}/import-rates`, { csv: "metric,country\nsms,DE" })
      expect([csvBad.status, csvBad.data.message]).toEqual([400, "csv header must have a unit_credits column"])
      const fields = await api.get(`/admin/iap/services/${serviceId}/rate-versions?fields=*`, { ...admin, validateStatus: () => true })
      expect(fields.status).toBe(400)

      // the storefront's price table
      const table = await api.get(`/store/iap/services/sms/rates`, pk)
      expect(table.data.service).toEqual({ technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: false })
      expect(table.data.rate_version).toMatchObject({ version: 1, status: "current" })
      expect(table.data.rate_version.rates.map((r: any) => [r.metric, r.dimensions, r.unit_credits])).toEqual([
        ["sms_part", { country: "DE" }, 0.5],
        ["sms_part", { country: "FR" }, 0.75],
        ["sms_part", { country: "*" }, 1],
        ["token", {}, null],
      ])
      expect((await api.get(`/store/iap/services/nope/rates`, { ...pk, validateStatus: () => true })).status).toBe(404)
    })

    it("provider: charges the most specific rate, falls back to *, and answers 400 rate_not_found", async () => {
      const de = await post("charge", { usage: { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } }, idempotency_key: "de" })
      expect(de.status).toBe(200)
      expect(de.data.transaction).toMatchObject({
        amount: -1.5,
        usage: { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } },
        rate_version: 1,
        rate_id: expect.stringMatching(/^iaprate_/),
      })
      const us = await post("charge", { usage: { metric: "sms_part", quantity: 2, dimensions: { country: "US" } }, idempotency_key: "us" })
      expect(us.data.transaction.amount).toBe(-2)
      const none = await post("charge", { usage: { metric: "mms_part", quantity: 1, dimensions: { country: "DE" } }, idempotency_key: "mms" })
      expect([none.status, none.data]).toEqual([
        400,
        {
          type: "rate_not_found",
          message: 'No rate of service sms prices metric mms_part with dimensions {"country":"DE"}',
          service: "sms",
          metric: "mms_part",
          dimensions: { country: "DE" },
        },
      ])
      const both = await post("charge", { credits: 1, usage: { metric: "sms_part", quantity: 1 }, idempotency_key: "both" })
      expect([both.status, both.data.message]).toEqual([400, "Invalid request: send either credits or usage, not both"])
      expect((await iap.retrieveAccount(accountId)).balance).toBe(96.5)

      // the same through IapProviderClient: estimate, charge, withCredits with a final usage, and the 400
      const client = new IapProviderClient({ baseUrl: api.defaults.baseURL!, serviceKey: key })
      const fr = { metric: "sms_part", quantity: 2, dimensions: { country: "FR" } }
      expect((await client.estimate({ account_token: token, usage: fr })).estimate.credits).toBe(1.5)
      expect((await client.charge({ account_token: token, usage: fr, idempotency_key: "client" })).transaction.amount).toBe(-1.5)
      const sent = await client.withCredits({ account_token: token, usage: fr, idempotency_key: "client-w" }, (_hold, u) => {
        u.usage = { ...fr, quantity: 1 }
        return "sent"
      })
      expect(sent).toBe("sent")
      const error = await client.charge({ account_token: token, usage: { metric: "mms_part", quantity: 1 }, idempotency_key: "client-x" }).catch((e) => e)
      expect(error).toBeInstanceOf(IapProviderError)
      expect([error.status, error.body.type]).toEqual([400, "rate_not_found"])
      expect((await iap.retrieveAccount(accountId)).balance).toBe(94.25)
    })

    it("estimate = charge, tiers crossing a boundary inside one charge; same key + same usage replays, other usage 409", async () => {
      await post("charge", { usage: { metric: "token", quantity: 900 }, idempotency_key: "t0" })
      const usage = { metric: "token", quantity: 300 }
      const estimate = await post("estimate", { usage })
      expect(estimate.data.estimate).toMatchObject({
        credits: 2,
        month_quantity_before: 900,
        rate: { version: 1, metric: "token" },
        tiers: [
          { from: "0", to: "1000", quantity: "100", unit_credits: "0.01", credits: "1" },
          { from: "1000", to: null, quantity: "200", unit_credits: "0.005", credits: "1" },
        ],
      })
      const charged = await post("charge", { usage, idempotency_key: "t1" })
      expect(charged.data.transaction.amount).toBe(-estimate.data.estimate.credits)
      const replay = await post("charge", { usage: { ...usage }, idempotency_key: "t1" })
      expect(replay.data).toMatchObject({ replayed: true, transaction: { id: charged.data.transaction.id } })
      const reused = await post("charge", { usage: { ...usage, quantity: 301 }, idempotency_key: "t1" })
      expect([reused.status, reused.data.code]).toEqual([409, "idempotency_key_reused"])
      expect((await debits()).map((r: any) => [r.idempotency_key, r.amount])).toEqual([
        ["t0", "-9"],
        ["t1", String(-estimate.data.estimate.credits)],
      ])
    })

    it("a future version does not change earlier charges; past rows keep their version; in effect it cannot change", async () => {
      const future = await adminPost(`/admin/iap/services/${serviceId}/rate-versions`, {
        valid_from: new Date(T0.getTime() + DAY).toISOString(),
        rates: [{ metric: "sms_part", dimensions: { country: "*" }, unit_credits: 2 }],
      })
      expect(future.data.rate_version).toMatchObject({ version: 2, status: "scheduled" })
      const sms = { metric: "sms_part", quantity: 1, dimensions: { country: "DE" } }
      expect((await post("charge", { usage: sms, idempotency_key: "a" })).data.transaction).toMatchObject({ amount: -0.5, rate_version: 1 })
      clock.set(new Date(T0.getTime() + DAY))
      expect((await post("charge", { usage: sms, idempotency_key: "b" })).data.transaction).toMatchObject({ amount: -2, rate_version: 2 })
      expect((await debits()).map((r: any) => [r.idempotency_key, r.rate_version])).toEqual([["a", 1], ["b", 2]])
      const late = await adminPost(`/admin/iap/services/${serviceId}/rate-versions/${future.data.rate_version.id}`, { note: "x" })
      expect([late.status, late.data.type]).toEqual([400, "not_allowed"])
    })

    it("authorize + capture a final usage, withCredits and iap.service.used price usages too", async () => {
      const auth = await post("authorize", { usage: { metric: "sms_part", quantity: 4, dimensions: { country: "FR" } }, idempotency_key: "h" })
      expect(auth.data.hold).toMatchObject({ amount: 3, rate_version: 1 })
      const cap = await post("capture", { hold_id: auth.data.hold.id, usage: { metric: "sms_part", quantity: 2, dimensions: { country: "FR" } }, idempotency_key: "c" })
      expect(cap.data.transaction).toMatchObject({ amount: -1.5, usage: { quantity: 2 } })

      const container = getContainer()
      await withCredits(container, { service: "sms", account_id: accountId, usage: { metric: "sms_part", quantity: 2, dimensions: { country: "DE" } }, idempotency_key: "w" }, (_hold, u) => {
        u.usage = { metric: "sms_part", quantity: 1, dimensions: { country: "DE" } }
      })
      const { result } = await consumeServiceWorkflow(container).run({
        input: { service: "sms", customer_id: "cus_1", usage: { metric: "sms_part", quantity: 1, dimensions: { country: "XX" } }, idempotency_key: "used" },
      })
      expect(result.failure).toBeNull()
      const failed = await consumeServiceWorkflow(container).run({
        input: { service: "sms", customer_id: "cus_1", usage: { metric: "fax", quantity: 1 }, idempotency_key: "fax" },
      })
      expect(failed.result.failure).toMatchObject({ reason: "rate_not_found" })
      expect((await debits()).map((r: any) => [r.type, r.idempotency_key, r.amount])).toEqual([
        ["capture", "c", "-1.5"],
        ["capture", "w:capture", "-0.5"],
        ["debit", "used", "-1"],
      ])
      expect((await iap.retrieveAccount(accountId)).balance).toBe(97)
    })
  },
})
