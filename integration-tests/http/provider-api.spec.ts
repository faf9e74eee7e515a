import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { clock } from "../../src/modules/iap/utils/clock"
import { IapProviderClient, IapProviderError } from "../../src/provider-client"

jest.setTimeout(180_000)

const CREDITS_URL = "http://localhost:8000/credits?service=reveal&credits="
const NOT_FOUND = { type: "not_found", message: "Unknown account token" }
const ANY_ID = expect.any(String)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let iap: IapModuleService
    /** Third-party service "reveal": its key, an account with 25 credits and its token. */
    let key: string
    let serviceId: string
    let accountId: string
    let token: string
    /** Another third-party service with its own key and account. */
    let otherKey: string
    let otherToken: string

    const post = (path: string, body: unknown, bearer: string | null = key): Promise<AxiosResponse> =>
      api.post(`/iap/v1/${path}`, body, {
        headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` },
        validateStatus: () => true,
      })

    const ledger = async (account: string) => {
      const { rows } = await dbConnection.raw(
        `SELECT type, amount::float AS amount, idempotency_key FROM iap_transaction WHERE account_id = ? ORDER BY seq`,
        [account]
      )
      return rows as { type: string; amount: number; idempotency_key: string | null }[]
    }

    const account = (over: Record<string, unknown> = {}) => ({
      id: accountId,
      service: "reveal",
      state: "active",
      balance: 25,
      reserved: 0,
      available: 25,
      pending: 0,
      debt: 0,
      overdraft_limit: 0,
      ...over,
    })

    beforeEach(async () => {
      iap = getContainer().resolve(IAP_MODULE)
      const created = await iap.createService({ technical_name: "reveal", name: "Lead reveal", provider_type: "third_party" })
      key = created.key!
      serviceId = created.service.id
      const acc = await iap.createAccount({ service_id: serviceId, customer_id: "cus_1" })
      accountId = acc.account.id
      token = acc.token
      await iap.grantCredits({ account_id: accountId, amount: 25, idempotency_key: "seed" })

      const other = await iap.createService({ technical_name: "enrich", name: "Enrich", provider_type: "third_party" })
      otherKey = other.key!
      const otherAcc = await iap.createAccount({ service_id: other.service.id, customer_id: "cus_1" })
      otherToken = otherAcc.token
      await iap.grantCredits({ account_id: otherAcc.account.id, amount: 5, idempotency_key: "seed" })
    })

    afterEach(() => clock.reset())

    describe("authentication", () => {
      it("answers 401 without a key, with a wrong key and with a rotated-out key", async () => {
        const missing = await post("balance", { account_token: token }, null)
        expect([missing.status, missing.data]).toEqual([
          401,
          { type: "unauthorized", message: "Missing service key: send the header Authorization: Bearer <service key>" },
        ])
        const basic = await api.post("/iap/v1/charge", {}, { headers: { authorization: `Basic ${key}` }, validateStatus: () => true })
        expect([basic.status, basic.data.type]).toEqual([401, "unauthorized"])

        const wrong = await post("balance", { account_token: token }, "iapk_not-a-real-key")
        expect([wrong.status, wrong.data]).toEqual([401, { type: "unauthorized", message: "Invalid service key" }])

        const { key: rotated } = await iap.rotateServiceKey(serviceId)
        const old = await post("balance", { account_token: token }, key)
        expect([old.status, old.data]).toEqual([401, { type: "unauthorized", message: "Invalid service key" }])
        const fresh = await post("balance", { account_token: token }, rotated)
        expect([fresh.status, fresh.data]).toEqual([200, { account: account() }])
      })

      it("checks the key before the body: a bad body without a key is still 401", async () => {
        const res = await post("charge", { nonsense: true }, null)
        expect(res.status).toBe(401)
      })
    })

    describe("balance", () => {
      it("returns the account's balances, without its holder or token", async () => {
        const res = await post("balance", { account_token: token })
        expect([res.status, res.data]).toEqual([200, { account: account() }])
      })

      it("answers the same 404 for an unknown token, another service's token and a closed account", async () => {
        const unknown = await post("balance", { account_token: "iapt_unknown" })
        const foreign = await post("balance", { account_token: otherToken })
        expect([unknown.status, unknown.data]).toEqual([404, NOT_FOUND])
        expect([foreign.status, foreign.data]).toEqual([404, NOT_FOUND])
        // The other service's own key does see it: the token is valid, just not for "reveal".
        expect((await post("balance", { account_token: otherToken }, otherKey)).status).toBe(200)

        await iap.updateAccount(accountId, { state: "closed" })
        const closed = await post("balance", { account_token: token })
        expect([closed.status, closed.data]).toEqual([404, NOT_FOUND])
      })

      it("uses a restricted account only inside its sales channels", async () => {
        const restricted = await iap.createAccount({ service_id: serviceId, customer_id: "cus_2", sales_channel_ids: ["sc_b2b"] })
        const noChannel = await post("balance", { account_token: restricted.token })
        const otherChannel = await post("balance", { account_token: restricted.token, sales_channel_id: "sc_web" })
        expect([noChannel.status, noChannel.data]).toEqual([404, NOT_FOUND])
        expect([otherChannel.status, otherChannel.data]).toEqual([404, NOT_FOUND])
        const inside = await post("balance", { account_token: restricted.token, sales_channel_id: "sc_b2b" })
        expect([inside.status, inside.data.account.id]).toEqual([200, restricted.account.id])
        // A charge is refused the same way, and writes nothing.
        const charge = await post("charge", { account_token: restricted.token, credits: 1, idempotency_key: "r1", sales_channel_id: "sc_web" })
        expect([charge.status, charge.data]).toEqual([404, NOT_FOUND])
        // An unrestricted account serves any channel.
        expect((await post("balance", { account_token: token, sales_channel_id: "sc_web" })).status).toBe(200)
      })

      it("answers 400 naming the field", async () => {
        const missing = await post("balance", {})
        expect([missing.status, missing.data]).toEqual([400, { type: "invalid_data", message: "Invalid request: Field 'account_token' is required" }])
        const extra = await post("balance", { account_token: token, foo: 1 })
        expect([extra.status, extra.data]).toEqual([400, { type: "invalid_data", message: "Invalid request: Unrecognized fields: 'foo'" }])
      })
    })

    describe("charge", () => {
      it("debits, and a replay returns the same body without debiting again", async () => {
        const body = { account_token: token, credits: 3, idempotency_key: "c1", description: "3 leads" }
        const first = await post("charge", body)
        expect(first.status).toBe(200)
        expect(first.data).toEqual({
          account: account({ balance: 22, available: 22 }),
          transaction: {
            id: ANY_ID,
            account_id: accountId,
            type: "debit",
            amount: -3,
            balance_after: 22,
            hold_id: null,
            reference_type: null,
            reference_id: null,
            idempotency_key: "c1",
            description: "3 leads",
            actor_type: "iap_service",
            actor_id: serviceId,
            usage: null,
            rate_id: null,
            rate_version: null,
            created_at: ANY_ID,
          },
          replayed: false,
        })
        const replay = await post("charge", body)
        expect([replay.status, replay.data]).toEqual([200, { ...first.data, replayed: true }])
        expect(await ledger(accountId)).toEqual([
          { type: "grant", amount: 25, idempotency_key: "seed" },
          { type: "debit", amount: -3, idempotency_key: "c1" },
        ])
      })

      it("answers 409 when the key was used for another request", async () => {
        await post("charge", { account_token: token, credits: 3, idempotency_key: "c1" })
        const reused = await post("charge", { account_token: token, credits: 4, idempotency_key: "c1" })
        expect([reused.status, reused.data]).toEqual([
          409,
          { type: "conflict", code: "idempotency_key_reused", message: "Idempotency key c1 was already used with a different request" },
        ])
        expect((await post("balance", { account_token: token })).data.account.balance).toBe(22)
      })

      it("answers 402 with the rule-10 body and a buy-credits URL", async () => {
        const res = await post("charge", { account_token: token, credits: 30, idempotency_key: "big" })
        expect([res.status, res.data]).toEqual([
          402,
          {
            type: "insufficient_credits",
            message: "Insufficient credits for service reveal: 30 required, 25 available",
            service: "reveal",
            required: 30,
            available: 25,
            credits_url: `${CREDITS_URL}5`,
          },
        ])
        expect(await ledger(accountId)).toHaveLength(1)
      })

      it("answers 400 for bad input, naming the field", async () => {
        const cases: [unknown, string][] = [
          [{ account_token: token, credits: 1 }, "Invalid request: Field 'idempotency_key' is required"],
          [{ account_token: token, idempotency_key: "x" }, "Invalid request: credits is required (or a usage the service's rate card prices)"],
          [{ account_token: token, credits: 0, idempotency_key: "x" }, "Invalid request: credits must be greater than 0"],
          [{ account_token: token, credits: -2, idempotency_key: "x" }, "Invalid request: credits must be greater than 0"],
          [{ account_token: token, credits: 1.00001, idempotency_key: "x" }, "Invalid request: credits must have at most 4 decimal places"],
          [{ account_token: token, credits: "ten", idempotency_key: "x" }, "Invalid request: credits must be a number"],
          [{ account_token: token, credits: 1e13, idempotency_key: "x" }, "Invalid request: credits must be at most 1000000000000"],
          [{ account_token: token, credits: 1, idempotency_key: "x", hold_id: "h" }, "Invalid request: Unrecognized fields: 'hold_id'"],
        ]
        for (const [body, message] of cases) {
          const res = await post("charge", body)
          expect([res.status, res.data]).toEqual([400, { type: "invalid_data", message }])
        }
        expect(await ledger(accountId)).toHaveLength(1)
      })

      it("accepts decimal credits, and refuses them for an integer-credits service", async () => {
        const decimal = await post("charge", { account_token: token, credits: "1.25", idempotency_key: "d1" })
        expect([decimal.status, decimal.data.account.balance]).toEqual([200, 23.75])

        const sms = await iap.createService({ technical_name: "sms_gateway", name: "SMS", provider_type: "third_party", integer_credits: true })
        const acc = await iap.createAccount({ service_id: sms.service.id })
        await iap.grantCredits({ account_id: acc.account.id, amount: 5, idempotency_key: "seed" })
        const res = await post("charge", { account_token: acc.token, credits: 1.5, idempotency_key: "s1" }, sms.key)
        expect([res.status, res.data]).toEqual([400, { type: "invalid_data", message: "credits must be a whole number for this service" }])
      })

      it("refuses a suspended account with 400 not_allowed", async () => {
        await iap.updateAccount(accountId, { state: "suspended" })
        const res = await post("charge", { account_token: token, credits: 1, idempotency_key: "s1" })
        expect([res.status, res.data]).toEqual([
          400,
          { type: "not_allowed", message: `IAP account ${accountId} is suspended: debit is not allowed` },
        ])
        // Reading the balance still works.
        expect((await post("balance", { account_token: token })).data.account.state).toBe("suspended")
      })

      it("40 parallel charges against 25 credits: exactly 25 succeed, 15 × 402, balance 0", async () => {
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => post("charge", { account_token: token, credits: 1, idempotency_key: `p${i}` }))
        )
        const statuses = results.map((r) => r.status)
        expect(statuses.filter((s) => s === 200)).toHaveLength(25)
        expect(statuses.filter((s) => s === 402)).toHaveLength(15)
        for (const r of results.filter((r) => r.status === 402)) {
          expect(r.data).toEqual({
            type: "insufficient_credits",
            message: "Insufficient credits for service reveal: 1 required, 0 available",
            service: "reveal",
            required: 1,
            available: 0,
            credits_url: `${CREDITS_URL}1`,
          })
        }
        const balance = await post("balance", { account_token: token })
        expect(balance.data).toEqual({ account: account({ balance: 0, available: 0 }) })
        const rows = await ledger(accountId)
        expect(rows.filter((r) => r.type === "debit")).toHaveLength(25)
        expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(0)
      })
    })

    describe("authorize, capture, cancel", () => {
      const authorize = (credits: number, idempotency_key: string, extra: Record<string, unknown> = {}) =>
        post("authorize", { account_token: token, credits, idempotency_key, ...extra })

      it("authorize 10 → capture 6 → 4 released; a replayed capture returns the same body", async () => {
        clock.set(new Date("2031-03-01T12:00:00.000Z"))
        const auth = await authorize(10, "a1", { ttl_seconds: 120, description: "10 leads" })
        expect(auth.status).toBe(200)
        const holdId = auth.data.hold.id
        expect(auth.data).toEqual({
          account: account({ reserved: 10, available: 15 }),
          hold: {
            id: ANY_ID,
            account_id: accountId,
            amount: 10,
            captured_amount: 0,
            status: "pending",
            expires_at: "2031-03-01T12:02:00.000Z",
            resolved_at: null,
            description: "10 leads",
            idempotency_key: "a1",
            reference_type: null,
            reference_id: null,
            usage: null,
            rate_id: null,
            rate_version: null,
            created_at: "2031-03-01T12:00:00.000Z",
          },
          replayed: false,
        })
        const authReplay = await authorize(10, "a1", { ttl_seconds: 120, description: "10 leads" })
        expect(authReplay.data).toEqual({ ...auth.data, replayed: true })

        const captureBody = { account_token: token, hold_id: holdId, credits: 6, idempotency_key: "cap1" }
        const captured = await post("capture", captureBody)
        expect(captured.status).toBe(200)
        expect(captured.data).toEqual({
          account: account({ balance: 19, available: 19 }),
          hold: {
            ...auth.data.hold,
            captured_amount: 6,
            status: "captured",
            resolved_at: "2031-03-01T12:00:00.000Z",
          },
          transaction: {
            id: ANY_ID,
            account_id: accountId,
            type: "capture",
            amount: -6,
            balance_after: 19,
            hold_id: holdId,
            reference_type: null,
            reference_id: null,
            idempotency_key: "cap1",
            description: "10 leads",
            actor_type: "iap_service",
            actor_id: serviceId,
            usage: null,
            rate_id: null,
            rate_version: null,
            created_at: "2031-03-01T12:00:00.000Z",
          },
          replayed: false,
        })
        const replay = await post("capture", captureBody)
        expect([replay.status, replay.data]).toEqual([200, { ...captured.data, replayed: true }])
        expect((await post("balance", { account_token: token })).data).toEqual({ account: account({ balance: 19, available: 19 }) })
        expect(await ledger(accountId)).toEqual([
          { type: "grant", amount: 25, idempotency_key: "seed" },
          { type: "capture", amount: -6, idempotency_key: "cap1" },
        ])
      })

      it("captures the whole hold by default", async () => {
        const auth = await authorize(4, "a1")
        const res = await post("capture", { account_token: token, hold_id: auth.data.hold.id, idempotency_key: "cap" })
        expect([res.status, res.data.hold.captured_amount, res.data.account]).toEqual([200, 4, account({ balance: 21, available: 21 })])
      })

      it("cancel releases everything; capture after cancel → 409; cancel again replays", async () => {
        const auth = await authorize(10, "a1")
        const holdId = auth.data.hold.id
        const cancelBody = { account_token: token, hold_id: holdId, idempotency_key: "can1" }
        const canceled = await post("cancel", cancelBody)
        expect(canceled.status).toBe(200)
        expect(canceled.data).toEqual({
          account: account(),
          hold: { ...auth.data.hold, status: "canceled", resolved_at: ANY_ID },
          replayed: false,
        })
        const again = await post("cancel", cancelBody)
        expect([again.status, again.data]).toEqual([200, { ...canceled.data, replayed: true }])

        const capture = await post("capture", { account_token: token, hold_id: holdId, credits: 6, idempotency_key: "cap1" })
        expect([capture.status, capture.data]).toEqual([
          409,
          { type: "conflict", code: "hold_not_pending", message: `IAP hold ${holdId} is already canceled: it cannot be captured` },
        ])
        expect(await ledger(accountId)).toHaveLength(1)
      })

      it("cancel after capture → 409", async () => {
        const auth = await authorize(5, "a1")
        await post("capture", { account_token: token, hold_id: auth.data.hold.id, credits: 2, idempotency_key: "cap" })
        const res = await post("cancel", { account_token: token, hold_id: auth.data.hold.id, idempotency_key: "can" })
        expect([res.status, res.data]).toEqual([
          409,
          { type: "conflict", code: "hold_not_pending", message: `IAP hold ${auth.data.hold.id} is already captured: it cannot be canceled` },
        ])
      })

      it("answers 404 for a hold of another account or service, or none", async () => {
        const mine = await authorize(2, "a1")
        const second = await iap.createAccount({ service_id: serviceId, customer_id: "cus_9" })
        await iap.grantCredits({ account_id: second.account.id, amount: 3, idempotency_key: "seed" })
        const foreign = await post("capture", { account_token: second.token, hold_id: mine.data.hold.id, idempotency_key: "x" })
        expect([foreign.status, foreign.data]).toEqual([
          404,
          { type: "not_found", message: `IAP hold with id: ${mine.data.hold.id} was not found` },
        ])
        const otherService = await post("cancel", { account_token: otherToken, hold_id: mine.data.hold.id, idempotency_key: "x" }, otherKey)
        expect([otherService.status, otherService.data]).toEqual([
          404,
          { type: "not_found", message: `IAP hold with id: ${mine.data.hold.id} was not found` },
        ])
        const none = await post("cancel", { account_token: token, hold_id: "iaphold_nope", idempotency_key: "x" })
        expect([none.status, none.data]).toEqual([404, { type: "not_found", message: "IAP hold with id: iaphold_nope was not found" }])
        // The hold is untouched.
        expect((await post("balance", { account_token: token })).data.account).toEqual(account({ reserved: 2, available: 23 }))
      })

      it("answers 402 for an authorization above what is available, 400 for bad holds", async () => {
        await authorize(20, "a1")
        const res = await authorize(6, "a2")
        expect([res.status, res.data]).toEqual([
          402,
          {
            type: "insufficient_credits",
            message: "Insufficient credits for service reveal: 6 required, 5 available",
            service: "reveal",
            required: 6,
            available: 5,
            credits_url: `${CREDITS_URL}1`,
          },
        ])
        const ttl = await authorize(1, "a3", { ttl_seconds: 0 })
        expect([ttl.status, ttl.data]).toEqual([
          400,
          { type: "invalid_data", message: "Invalid request: Value for field 'ttl_seconds' too small, expected at least: '1'" },
        ])
        const missingHold = await post("capture", { account_token: token, idempotency_key: "c" })
        expect([missingHold.status, missingHold.data]).toEqual([400, { type: "invalid_data", message: "Invalid request: Field 'hold_id' is required" }])
      })

      it("refuses to capture more than authorized", async () => {
        const auth = await authorize(3, "a1")
        const res = await post("capture", { account_token: token, hold_id: auth.data.hold.id, credits: 4, idempotency_key: "c" })
        expect([res.status, res.data]).toEqual([400, { type: "invalid_data", message: "credits must be at most the authorized 3" }])
      })
    })

    describe("charge, authorize and capture once the key and token are known (checked in their one statement)", () => {
      // After a first call this process remembers which service and account the key and token
      // name, and charge, authorize and capture skip the lookup: their statement checks both again.
      const charge = (idempotency_key: string, extra: Record<string, unknown> = {}, bearer: string = key) =>
        post("charge", { account_token: token, credits: 1, idempotency_key, ...extra }, bearer)
      const lookups = () => jest.spyOn(iap, "authenticateProvider")

      afterEach(() => jest.restoreAllMocks())

      it("charges without a lookup, and refuses a rotated token, a new channel restriction, a closed account and a rotated key as before", async () => {
        expect((await charge("k1")).status).toBe(200)
        const spy = lookups()
        const second = await charge("k2")
        expect([second.status, second.data.account.balance, second.data.transaction.actor_id, spy.mock.calls.length]).toEqual([200, 23, serviceId, 0])
        // A replay answers the first result, from either path.
        expect((await charge("k2")).data).toEqual({ ...second.data, replayed: true })

        const { token: newToken } = await iap.rotateAccountToken(accountId)
        const oldToken = await charge("k3")
        expect([oldToken.status, oldToken.data, spy.mock.calls.length]).toEqual([404, NOT_FOUND, 1])
        token = newToken
        expect((await charge("k3")).status).toBe(200)

        await iap.updateAccount(accountId, { sales_channel_ids: ["sc_b2b"] })
        const outside = await charge("k4")
        expect([outside.status, outside.data]).toEqual([404, NOT_FOUND])
        expect((await charge("k4", { sales_channel_id: "sc_b2b" })).status).toBe(200)

        const { key: newKey } = await iap.rotateServiceKey(serviceId)
        const oldKey = await charge("k5", { sales_channel_id: "sc_b2b" })
        expect([oldKey.status, oldKey.data]).toEqual([401, { type: "unauthorized", message: "Invalid service key" }])
        expect((await charge("k5", { sales_channel_id: "sc_b2b" }, newKey)).status).toBe(200)

        await iap.updateAccount(accountId, { state: "closed" })
        const closed = await charge("k6", { sales_channel_id: "sc_b2b" }, newKey)
        expect([closed.status, closed.data]).toEqual([404, NOT_FOUND])
        expect((await ledger(accountId)).map((t) => t.idempotency_key)).toEqual(["seed", "k1", "k2", "k3", "k4", "k5"])
      })

      it("answers a bad body 400, a bad body with a wrong key 401, another service's token 404, and 402 past the balance", async () => {
        expect((await charge("k1")).status).toBe(200)
        const bad = await charge("k2", { credits: -1 })
        expect([bad.status, bad.data.type]).toEqual([400, "invalid_data"])
        expect((await post("charge", { nonsense: true }, "iapk_not-a-real-key")).status).toBe(401)
        expect((await post("charge", { account_token: otherToken, credits: 1, idempotency_key: "x" }, otherKey)).status).toBe(200)
        const foreign = await post("charge", { account_token: otherToken, credits: 1, idempotency_key: "y" })
        expect([foreign.status, foreign.data]).toEqual([404, NOT_FOUND])
        const tooMuch = await charge("k3", { credits: 100 })
        expect([tooMuch.status, tooMuch.data.type]).toEqual([402, "insufficient_credits"])
        expect((await ledger(accountId)).map((t) => t.idempotency_key)).toEqual(["seed", "k1"])
      })

      it("authorizes and captures without a lookup; another account's hold is 404 and stays pending", async () => {
        expect((await post("authorize", { account_token: token, credits: 1, idempotency_key: "a0" })).status).toBe(200)
        const other = await post("authorize", { account_token: otherToken, credits: 2, idempotency_key: "a2" }, otherKey)
        const spy = lookups()
        const auth = await post("authorize", { account_token: token, credits: 5, idempotency_key: "a1" })
        expect([auth.status, auth.data.account.reserved, spy.mock.calls.length]).toEqual([200, 6, 0])
        const captured = await post("capture", { account_token: token, hold_id: auth.data.hold.id, credits: 3, idempotency_key: "c1" })
        expect([captured.status, captured.data.hold.status, captured.data.account.balance, captured.data.account.reserved, spy.mock.calls.length]).toEqual([200, "captured", 22, 1, 0])
        const foreign = await post("capture", { account_token: token, hold_id: other.data.hold.id, idempotency_key: "c2" })
        expect([foreign.status, foreign.data]).toEqual([404, { type: "not_found", message: `IAP hold with id: ${other.data.hold.id} was not found` }])
        const hold = await iap.listIapHolds({ id: other.data.hold.id }, { select: ["status"] })
        expect(hold[0].status).toBe("pending")
      })
    })

    describe("IapProviderClient", () => {
      const client = (serviceKey = key) => new IapProviderClient({ baseUrl: api.defaults.baseURL!, serviceKey })

      it("reads balances, charges, authorizes, captures and cancels", async () => {
        const iapClient = client()
        expect(await iapClient.balance({ account_token: token })).toEqual({ account: account() })

        const charged = await iapClient.charge({ account_token: token, credits: 2, idempotency_key: "k1" })
        expect([charged.account.balance, charged.transaction.amount, charged.replayed]).toEqual([23, -2, false])
        expect((await iapClient.charge({ account_token: token, credits: 2, idempotency_key: "k1" })).replayed).toBe(true)

        const { hold } = await iapClient.authorize({ account_token: token, credits: 5, idempotency_key: "k2", ttl_seconds: 60 })
        const captured = await iapClient.capture({ account_token: token, hold_id: hold.id, credits: 1, idempotency_key: "k3" })
        expect([captured.hold.status, captured.account.balance, captured.account.reserved]).toEqual(["captured", 22, 0])

        const second = await iapClient.authorize({ account_token: token, credits: 5, idempotency_key: "k4" })
        const canceled = await iapClient.cancel({ account_token: token, hold_id: second.hold.id, idempotency_key: "k5" })
        expect([canceled.hold.status, canceled.account.available]).toEqual(["canceled", 22])
      })

      it("throws IapProviderError with the status and body", async () => {
        const err402 = await client().charge({ account_token: token, credits: 26, idempotency_key: "x" }).catch((e) => e)
        expect(err402).toBeInstanceOf(IapProviderError)
        expect(err402.isInsufficientCredits()).toBe(true)
        expect([err402.status, err402.body.type, err402.body.credits_url, err402.message]).toEqual([
          402,
          "insufficient_credits",
          `${CREDITS_URL}1`,
          "Insufficient credits for service reveal: 26 required, 25 available",
        ])

        const err401 = await client("iapk_wrong").balance({ account_token: token }).catch((e) => e)
        expect([err401 instanceof IapProviderError, err401.status, err401.body]).toEqual([
          true,
          401,
          { type: "unauthorized", message: "Invalid service key" },
        ])
        const err404 = await client().balance({ account_token: otherToken }).catch((e) => e)
        expect([err404.status, err404.body, err404.isInsufficientCredits()]).toEqual([404, NOT_FOUND, false])
      })

      it("withCredits captures what the work used, or cancels and rethrows the work's error", async () => {
        const iapClient = client()
        const out = await iapClient.withCredits({ account_token: token, credits: 3, idempotency_key: "w1" }, async (hold, usage) => {
          expect([hold.amount, hold.status]).toEqual([3, "pending"])
          usage.credits = 2
          return "done"
        })
        expect(out).toBe("done")
        const boom = new Error("provider down")
        await expect(
          iapClient.withCredits({ account_token: token, credits: 4, idempotency_key: "w2" }, async () => {
            throw boom
          })
        ).rejects.toBe(boom)
        expect((await iapClient.balance({ account_token: token })).account).toEqual(account({ balance: 23, available: 23 }))
        expect(await ledger(accountId)).toEqual([
          { type: "grant", amount: 25, idempotency_key: "seed" },
          { type: "capture", amount: -2, idempotency_key: "w1:capture" },
        ])
      })
    })
  },
})
