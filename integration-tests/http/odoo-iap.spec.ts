import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { createHash } from "crypto"
import type IapModuleService from "../../src/modules/iap/service"
import { clock } from "../../src/modules/iap/utils/clock"
import { adminSession, call, channelsWithKeys, iapOf, signedInCustomer } from "./helpers/portal-fixtures"

jest.setTimeout(180_000)

// Read by the root medusa-config.ts when the runner loads it; each test file has its own env.
process.env.IAP_ODOO_PROTOCOL = "enabled"
process.env.IAP_CREDITS_URL = "https://shop.test/credits?service={service}&credits={credits}&account={account}&token={token}&dbuuid={dbuuid}"

/** What Odoo's `iap.account` makes: uuid4().hex per service and database; `database.uuid`. */
const TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
const OTHER_TOKEN = "aaaabbbbccccddddeeeeffff00001111"
const DBUUID = "8e5f7c1a-3b2d-11ef-9a1b-0242ac120002"
const OTHER_DBUUID = "11111111-2222-3333-4444-555555555555"
const RPC_ID = "5d41402abc4b2a76b9719d911017c592"

const INSUFFICIENT = "odoo.addons.iap.tools.iap_tools.InsufficientCreditError"
const ACCESS = "odoo.exceptions.AccessError"
const USER = "odoo.exceptions.UserError"

const buyUrl = (credits: number, account = "", token = TOKEN, dbuuid = DBUUID) =>
  `https://shop.test/credits?service=reveal&credits=${credits}&account=${account}&token=${token}&dbuuid=${dbuuid}`

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let iap: IapModuleService
    let w: Awaited<ReturnType<typeof world>>

    /**
     * A third-party service "reveal" (decimal credits) with its key, another service "enrich"
     * with its own key; two sales channels with keys; Alice and Bob signed in on the webshop.
     */
    async function world() {
      const channels = await channelsWithKeys(getContainer(), ["Webshop", "B2B portal"])
      const webshop = channels.Webshop
      const b2b = channels["B2B portal"]
      const alice = await signedInCustomer(api, webshop.key, "alice@acme.test")
      const bob = await signedInCustomer(api, webshop.key, "bob@example.test")
      const reveal = await iap.createService({ technical_name: "reveal", name: "Lead reveal", provider_type: "third_party" })
      const enrich = await iap.createService({ technical_name: "enrich", name: "Enrich", provider_type: "third_party", integer_credits: true })
      return { webshop, b2b, alice, bob, reveal: reveal.service, key: reveal.key!, enrich: enrich.service, enrichKey: enrich.key! }
    }

    /** A JSON-RPC call exactly as Odoo's `iap_jsonrpc` sends it. */
    const rpc = (path: string, params: unknown, id: unknown = RPC_ID) =>
      api.post(`/iap/1/${path}`, { jsonrpc: "2.0", method: "call", params, id }, { validateStatus: () => true })

    const rpcError = (name: string, message: string, code = 200, id: unknown = RPC_ID) => ({
      jsonrpc: "2.0",
      id,
      error: { code, message: "IAP Server Error", data: { name, message } },
    })

    const result = (value: unknown, id: unknown = RPC_ID) => ({ jsonrpc: "2.0", id, result: value })

    /** Alice links "this Odoo database" through the store API; returns the store's answer. */
    const link = (body: Record<string, unknown> = {}, customer = w.alice, key = w.webshop.key) =>
      call(api.post("/store/iap/odoo-tokens", { service: "reveal", account_token: TOKEN, dbuuid: DBUUID, ...body }, customer.headers(key)))

    /** Links TOKEN to Alice's reveal account and gives it 25 credits. */
    async function linkedAccount() {
      const res = await link()
      await iap.grantCredits({ account_id: res.data.odoo_token.account_id, amount: 25, idempotency_key: "seed" })
      return res.data.odoo_token.account_id as string
    }

    const authorize = (params: Record<string, unknown> = {}, id: unknown = RPC_ID) =>
      rpc("authorize", { account_token: TOKEN, credit: 10, key: w.key, description: "Reveal 10 leads", ttl: 2, dbuuid: DBUUID, ...params }, id)

    const ledger = async (accountId: string) => {
      const { rows } = await dbConnection.raw(
        `SELECT type, amount::float AS amount, idempotency_key FROM iap_transaction WHERE account_id = ? ORDER BY seq`,
        [accountId]
      )
      return rows
    }

    beforeEach(async () => {
      iap = iapOf(getContainer())
      w = await world()
    })

    afterEach(() => clock.reset())

    describe("an Odoo database whose token is not linked yet", () => {
      it("sees a balance of 0, is unregistered, and authorize answers InsufficientCreditError with the buy link", async () => {
        const balance = await rpc("balance", { dbuuid: DBUUID, account_token: TOKEN, service_name: "reveal" })
        expect([balance.status, balance.data]).toEqual([200, result(0)])

        const info = await rpc("get-accounts-information", { iap_accounts: [{ token: TOKEN, service: "reveal" }], dbuuid: DBUUID })
        expect(info.data).toEqual(
          result({ [TOKEN]: { balance: 0, warning_threshold: 0, registered: "unregistered", link_to_service_page: buyUrl(0) } })
        )

        const auth = await authorize()
        expect([auth.status, auth.data]).toEqual([
          200,
          rpcError(INSUFFICIENT, JSON.stringify({ service_name: "reveal", credit: 10, available: 0, credits_url: buyUrl(10) })),
        ])
        // Odoo's client reads the message with json.loads
        expect(JSON.parse(auth.data.error.data.message)).toEqual({ service_name: "reveal", credit: 10, available: 0, credits_url: buyUrl(10) })
        const { rows } = await dbConnection.raw(`SELECT count(*)::int AS n FROM iap_hold`)
        expect(rows[0].n).toBe(0)
      })

      it("redirects the Buy credits link to the storefront with the token and the database", async () => {
        const res = await api.get(
          `/iap/1/credit?dbuuid=${DBUUID}&service_name=reveal&account_token=${TOKEN}&credit=12.5&trial=True`,
          { maxRedirects: 0, validateStatus: () => true }
        )
        expect([res.status, res.headers.location]).toEqual([302, buyUrl(12.5)])
        const noCredit = await api.get(`/iap/1/credit?dbuuid=${DBUUID}&service_name=reveal&account_token=${TOKEN}`, {
          maxRedirects: 0,
          validateStatus: () => true,
        })
        expect(noCredit.headers.location).toBe(buyUrl(0))
        const unknown = await api.get(`/iap/1/credit?dbuuid=${DBUUID}&service_name=nope&account_token=${TOKEN}`, {
          maxRedirects: 0,
          validateStatus: () => true,
        })
        expect([unknown.status, unknown.data]).toEqual([404, { type: "not_found", message: "IAP service nope was not found" }])
        const bad = await api.get(`/iap/1/credit?dbuuid=x&service_name=reveal&account_token=${TOKEN}`, {
          maxRedirects: 0,
          validateStatus: () => true,
        })
        expect([bad.status, bad.data]).toEqual([
          400,
          { type: "invalid_data", message: "dbuuid: must be the Odoo database's UUID (database.uuid)" },
        ])
      })
    })

    describe("linking an Odoo database through the store API", () => {
      it("links the token to the customer's account, stores only its hash, and lists it", async () => {
        const first = await link()
        expect(first.status).toBe(201)
        const accountId = first.data.odoo_token.account_id
        expect(first.data).toEqual({
          created: true,
          odoo_token: {
            id: expect.stringMatching(/^iapotok_/),
            account_id: expect.stringMatching(/^iapacc_/),
            service: "reveal",
            customer_id: w.alice.id,
            token_hint: "…e1f0",
            dbuuid: DBUUID,
            sales_channel_id: w.webshop.id,
            created_at: expect.any(String),
            revoked_at: null,
          },
        })
        const account = await iap.retrieveAccount(accountId)
        expect([account.customer_id, account.service, account.sales_channel_ids]).toEqual([w.alice.id, "reveal", []])

        // the same link again: nothing new; a dbuuid without dashes is the same database
        const again = await link({ dbuuid: DBUUID.replace(/-/g, "").toUpperCase() })
        expect([again.status, again.data.created, again.data.odoo_token.id]).toEqual([200, false, first.data.odoo_token.id])

        const { rows } = await dbConnection.raw(`SELECT token_hash, token_hint, dbuuid FROM iap_account_token`)
        expect(rows).toEqual([{ token_hash: createHash("sha256").update(TOKEN).digest("hex"), token_hint: "…e1f0", dbuuid: DBUUID }])
        const { rows: leak } = await dbConnection.raw(`SELECT count(*)::int AS n FROM iap_account_token WHERE row_to_json(iap_account_token)::text LIKE ?`, [`%${TOKEN}%`])
        expect(leak[0].n).toBe(0)

        const list = await api.get("/store/iap/odoo-tokens", w.alice.headers())
        expect(list.data).toEqual({ odoo_tokens: [first.data.odoo_token], count: 1, limit: 20, offset: 0 })
        const bobs = await api.get("/store/iap/odoo-tokens", w.bob.headers())
        expect(bobs.data).toEqual({ odoo_tokens: [], count: 0, limit: 20, offset: 0 })

        // linked: the database sees the account
        await iap.grantCredits({ account_id: accountId, amount: 7.5, idempotency_key: "g" })
        const balance = await rpc("balance", { dbuuid: DBUUID, account_token: TOKEN, service_name: "reveal" })
        expect(balance.data).toEqual(result(7.5))
        // another database sending this token is not this link
        const elsewhere = await rpc("balance", { dbuuid: OTHER_DBUUID, account_token: TOKEN, service_name: "reveal" })
        expect(elsewhere.data).toEqual(result(0))
        // the token names a reveal account only
        const otherService = await rpc("balance", { dbuuid: DBUUID, account_token: TOKEN, service_name: "enrich" })
        expect(otherService.data).toEqual(result(0))
      })

      it("refuses a token linked elsewhere, lets only its owner revoke it, and allows linking it again after", async () => {
        const first = await link()
        const bobTries = await link({}, w.bob)
        expect([bobTries.status, bobTries.data]).toEqual([
          409,
          { type: "conflict", code: "odoo_token_linked", message: "This account token is already linked to an IAP account: revoke that link first" },
        ])
        const linkId = first.data.odoo_token.id
        const bobRevokes = await call(api.post(`/store/iap/odoo-tokens/${linkId}/revoke`, {}, w.bob.headers()))
        expect([bobRevokes.status, bobRevokes.data]).toEqual([404, { type: "not_found", message: `Odoo account token with id: ${linkId} was not found` }])

        await iap.grantCredits({ account_id: first.data.odoo_token.account_id, amount: 3, idempotency_key: "g" })
        const revoked = await api.post(`/store/iap/odoo-tokens/${linkId}/revoke`, {}, w.alice.headers())
        expect(revoked.data.odoo_token).toEqual({ ...first.data.odoo_token, revoked_at: expect.any(String) })
        const twice = await api.post(`/store/iap/odoo-tokens/${linkId}/revoke`, {}, w.alice.headers())
        expect(twice.data.odoo_token.revoked_at).toBe(revoked.data.odoo_token.revoked_at)
        const balance = await rpc("balance", { dbuuid: DBUUID, account_token: TOKEN, service_name: "reveal" })
        expect(balance.data).toEqual(result(0))

        const active = await api.get("/store/iap/odoo-tokens?revoked=false", w.alice.headers())
        expect(active.data.count).toBe(0)
        const bobLinks = await link({}, w.bob)
        expect([bobLinks.status, bobLinks.data.odoo_token.customer_id]).toEqual([201, w.bob.id])
      })

      it("validates the link request and names the field", async () => {
        const short = await link({ account_token: "abc" })
        expect([short.status, short.data.type]).toEqual([400, "invalid_data"])
        expect(short.data.message).toContain("account_token")
        const badDb = await link({ dbuuid: "not-a-uuid" })
        expect([badDb.status, badDb.data.type]).toEqual([400, "invalid_data"])
        expect(badDb.data.message).toContain("dbuuid")
        const extra = await link({ token_hash: "x" })
        expect([extra.status, extra.data.type]).toEqual([400, "invalid_data"])
        const channel = await link({ sales_channel_id: w.b2b.id })
        expect([channel.status, channel.data]).toEqual([
          400,
          { type: "invalid_data", message: "sales_channel_id must be one of this store's sales channels" },
        ])
        const service = await link({ service: "nope" })
        expect([service.status, service.data]).toEqual([404, { type: "not_found", message: "IAP service nope was not found" }])
        const anonymous = await call(
          api.post("/store/iap/odoo-tokens", { service: "reveal", account_token: TOKEN, dbuuid: DBUUID }, { headers: { "x-publishable-api-key": w.webshop.key } })
        )
        expect(anonymous.status).toBe(401)
      })
    })

    describe("providers: authorize, capture, cancel (iap_tools)", () => {
      it("authorizes with a TTL in hours, replays the same envelope, and holds again for a new call", async () => {
        const accountId = await linkedAccount()
        clock.set(new Date("2030-01-01T00:00:00.000Z"))
        const first = await authorize()
        expect(first.data).toEqual(result(expect.stringMatching(/^iaphold_/)))
        const holdId = first.data.result

        // a timed-out call re-sent as is (same JSON-RPC id): the same hold, nothing new
        const replay = await authorize()
        expect(replay.data).toEqual(result(holdId))
        // the same id with other params is not a replay: refused, nothing held
        const reused = await authorize({ credit: 2 })
        expect(reused.data).toEqual(rpcError(USER, `Idempotency key odoo-authorize:${RPC_ID} was already used with a different request`))
        // a new call (Odoo makes a new id per call): a second hold
        const second = await authorize({}, "c4ca4238a0b923820dcc509a6f75849b")
        expect(second.data.result).toMatch(/^iaphold_/)
        expect(second.data.result).not.toBe(holdId)
        // a client reusing a short id gets no dedupe at all: two more holds
        await authorize({ credit: 1 }, 1)
        await authorize({ credit: 1 }, 1)

        const { rows: holds } = await dbConnection.raw(
          `SELECT id, amount::float AS amount, status, expires_at, description FROM iap_hold WHERE account_id = ? ORDER BY created_at, id`,
          [accountId]
        )
        expect(holds.length).toBe(4)
        expect(holds.find((h: any) => h.id === holdId)).toEqual({
          id: holdId,
          amount: 10,
          status: "pending",
          expires_at: new Date("2030-01-01T02:00:00.000Z"),
          description: "Reveal 10 leads",
        })
        const account = await iap.retrieveAccount(accountId)
        expect([account.balance, account.reserved, account.available]).toEqual([25, 22, 3])
        const balance = await rpc("balance", { dbuuid: DBUUID, account_token: TOKEN, service_name: "reveal" })
        expect(balance.data).toEqual(result(3))
      })

      it("defaults the TTL to 4320 hours and caps longer ones at 180 days", async () => {
        const accountId = await linkedAccount()
        clock.set(new Date("2030-01-01T00:00:00.000Z"))
        const byDefault = await authorize({ ttl: undefined, credit: 1 }, "11111111111111111111111111111111")
        const tooLong = await authorize({ ttl: 99999, credit: 1 }, "22222222222222222222222222222222")
        const fractional = await authorize({ ttl: 0.5, credit: 1 }, "33333333333333333333333333333333")
        const { rows } = await dbConnection.raw(`SELECT id, expires_at FROM iap_hold WHERE account_id = ?`, [accountId])
        const expiry = (id: string) => rows.find((r: any) => r.id === id).expires_at
        expect(expiry(byDefault.data.result)).toEqual(new Date("2030-06-30T00:00:00.000Z"))
        expect(expiry(tooLong.data.result)).toEqual(new Date("2030-06-30T00:00:00.000Z"))
        expect(expiry(fractional.data.result)).toEqual(new Date("2030-01-01T00:30:00.000Z"))
        const zero = await authorize({ ttl: 0 }, "44444444444444444444444444444444")
        expect(zero.data).toEqual(rpcError(USER, "params.ttl: Too small: expected number to be >0", -32602, "44444444444444444444444444444444"))
      })

      it("captures less than authorized (the rest is released), replays a capture, refuses more or another amount", async () => {
        const accountId = await linkedAccount()
        const holdId = (await authorize()).data.result
        const capture = await rpc("capture", { token: holdId, key: w.key, credit_to_capture: 6 })
        expect(capture.data).toEqual(result({ token: holdId, status: "captured", credit_captured: 6 }))
        const again = await rpc("capture", { token: holdId, key: w.key, credit_to_capture: 6 })
        expect(again.data).toEqual(capture.data)
        const other = await rpc("capture", { token: holdId, key: w.key, credit_to_capture: 5 })
        expect(other.data).toEqual(rpcError(USER, `Idempotency key odoo-capture:${holdId} was already used with a different request`))

        const account = await iap.retrieveAccount(accountId)
        expect([account.balance, account.reserved]).toEqual([19, 0])
        expect(await ledger(accountId)).toEqual([
          { type: "grant", amount: 25, idempotency_key: "seed" },
          { type: "capture", amount: -6, idempotency_key: `odoo-capture:${holdId}` },
        ])

        const second = (await authorize({}, "c4ca4238a0b923820dcc509a6f75849b")).data.result
        const tooMuch = await rpc("capture", { token: second, key: w.key, credit_to_capture: 11 })
        expect(tooMuch.data).toEqual(rpcError(USER, "credit_to_capture must be at most the authorized 10"))
        const none = await rpc("capture", { token: second, key: w.key, credit_to_capture: 0 })
        expect(none.data).toEqual(result({ token: second, status: "captured", credit_captured: 0 }))
        expect((await iap.retrieveAccount(accountId)).balance).toBe(19)
      })

      it("cancels a hold (again: the same answer), and refuses a capture after it", async () => {
        const accountId = await linkedAccount()
        const holdId = (await authorize()).data.result
        const cancel = await rpc("cancel", { token: holdId, key: w.key })
        expect(cancel.data).toEqual(result({ token: holdId, status: "canceled" }))
        expect((await rpc("cancel", { token: holdId, key: w.key })).data).toEqual(cancel.data)
        const capture = await rpc("capture", { token: holdId, key: w.key, credit_to_capture: 1 })
        expect(capture.data).toEqual(rpcError(USER, `IAP hold ${holdId} is already canceled: it cannot be captured`))
        const account = await iap.retrieveAccount(accountId)
        expect([account.balance, account.reserved]).toEqual([25, 0])
        expect((await ledger(accountId)).map((r: any) => r.type)).toEqual(["grant"])

        const captured = (await authorize({}, "c4ca4238a0b923820dcc509a6f75849b")).data.result
        await rpc("capture", { token: captured, key: w.key, credit_to_capture: 10 })
        const late = await rpc("cancel", { token: captured, key: w.key })
        expect(late.data).toEqual(rpcError(USER, `IAP hold ${captured} is already captured: it cannot be canceled`))
      })

      it("answers InsufficientCreditError for a linked account without enough credits, with its account in the link", async () => {
        const accountId = await linkedAccount()
        const res = await authorize({ credit: 30 })
        expect(res.data).toEqual(
          rpcError(INSUFFICIENT, JSON.stringify({ service_name: "reveal", credit: 30, available: 25, credits_url: buyUrl(30, accountId) }))
        )
      })

      it("maps bad keys, foreign holds, bad params and bad envelopes to Odoo's exceptions", async () => {
        await linkedAccount()
        const holdId = (await authorize()).data.result
        expect((await authorize({ key: "iapk_wrong" })).data).toEqual(rpcError(ACCESS, "Invalid service key"))
        expect((await rpc("capture", { token: holdId, key: w.enrichKey, credit_to_capture: 1 })).data).toEqual(
          rpcError(ACCESS, "Unknown transaction token")
        )
        expect((await rpc("cancel", { token: "iaphold_nope", key: w.key })).data).toEqual(rpcError(ACCESS, "Unknown transaction token"))
        // the token of a reveal account names nothing for enrich's key
        const foreign = await rpc("authorize", { account_token: TOKEN, credit: 1, key: w.enrichKey, ttl: 1 })
        expect(JSON.parse(foreign.data.error.data.message)).toMatchObject({ service_name: "enrich", available: 0 })
        const whole = await rpc("authorize", { account_token: TOKEN, credit: 1.5, key: w.enrichKey, ttl: 1 })
        expect(whole.data).toEqual(rpcError(USER, "credit must be a whole number for this service"))

        expect((await authorize({ credit: 0.00001 })).data).toEqual(
          rpcError(USER, "params.credit: credit must have at most 4 decimal places", -32602)
        )
        expect((await authorize({ account_token: undefined })).data.error).toMatchObject({
          code: -32602,
          data: { name: USER, message: expect.stringContaining("params.account_token") },
        })
        expect((await authorize({ hold_id: "x" })).data.error).toMatchObject({ code: -32602, data: { name: USER } })

        const noEnvelope = await api.post("/iap/1/balance", { account_token: TOKEN }, { validateStatus: () => true })
        expect([noEnvelope.status, noEnvelope.data]).toEqual([
          200,
          rpcError(USER, 'Invalid JSON-RPC request: send { "jsonrpc": "2.0", "method": "call", "params": {…}, "id": … }', -32600, null),
        ])
        const suspended = await iap.listIapAccounts({ customer_id: w.alice.id })
        await iap.updateAccount(suspended[0].id, { state: "suspended" })
        expect((await authorize({}, "c4ca4238a0b923820dcc509a6f75849b")).data.error.data.name).toBe(USER)
      })
    })

    describe("Odoo databases: accounts information and warning alerts", () => {
      it("reports every token asked, and updates the low-balance alert of a linked one", async () => {
        const accountId = await linkedAccount()
        await iap.updateAccount(accountId, { warning_threshold: 5 })
        const info = await rpc("get-accounts-information", {
          iap_accounts: [
            { token: TOKEN, service: "reveal" },
            { token: OTHER_TOKEN, service: "reveal" },
          ],
          dbuuid: DBUUID,
        })
        expect(info.data).toEqual(
          result({
            [TOKEN]: { balance: 25, warning_threshold: 5, registered: "registered", link_to_service_page: buyUrl(0, accountId) },
            [OTHER_TOKEN]: { balance: 0, warning_threshold: 0, registered: "unregistered", link_to_service_page: buyUrl(0, "", OTHER_TOKEN) },
          })
        )
        const unknownService = await rpc("get-accounts-information", { iap_accounts: [{ token: TOKEN, service: "nope" }], dbuuid: DBUUID })
        expect(unknownService.data).toEqual(rpcError(ACCESS, "IAP service nope was not found"))

        const update = await rpc("update-warning-email-alerts", {
          account_token: TOKEN,
          warning_threshold: 12.5,
          warning_emails: [
            { email: "ops@acme.test", lang_code: "en_US" },
            { email: "cfo@acme.test", lang_code: "fr_BE" },
          ],
        })
        expect(update.data).toEqual(result({ warning_threshold: 12.5, warning_emails: ["ops@acme.test", "cfo@acme.test"] }))
        const account = await iap.retrieveAccount(accountId)
        expect([account.warning_threshold, account.warning_emails, account.warning_armed]).toEqual([
          12.5,
          ["ops@acme.test", "cfo@acme.test"],
          true,
        ])
        const bad = await rpc("update-warning-email-alerts", {
          account_token: TOKEN,
          warning_threshold: 1,
          warning_emails: [{ email: "not an email", lang_code: "en_US" }],
        })
        expect(bad.data).toEqual(rpcError(USER, "warning_emails must be a list of valid email addresses"))
        const unlinked = await rpc("update-warning-email-alerts", { account_token: OTHER_TOKEN, warning_threshold: 1, warning_emails: [] })
        expect(unlinked.data).toEqual(
          rpcError(ACCESS, "Unknown account token: link this Odoo database to an account in the store first")
        )

        await iap.updateAccount(accountId, { state: "suspended" })
        const banned = await rpc("get-accounts-information", { iap_accounts: [{ token: TOKEN, service: "reveal" }], dbuuid: DBUUID })
        expect(banned.data.result[TOKEN].registered).toBe("banned")
      })
    })

    describe("our own account tokens", () => {
      it("work as an Odoo account token too (a customer may paste theirs into Odoo), for unrestricted accounts", async () => {
        const { account, token } = await iap.createAccount({ service_id: w.reveal.id, customer_id: w.bob.id })
        await iap.grantCredits({ account_id: account.id, amount: 4, idempotency_key: "g" })
        const balance = await rpc("balance", { dbuuid: DBUUID, account_token: token, service_name: "reveal" })
        expect(balance.data).toEqual(result(4))
        const hold = await authorize({ account_token: token, credit: 3 })
        expect(hold.data.result).toMatch(/^iaphold_/)
        expect((await iap.retrieveAccount(account.id)).reserved).toBe(3)
        // it cannot be linked as an Odoo token on top
        const linked = await link({ account_token: token }, w.alice)
        expect([linked.status, linked.data.code]).toEqual([409, "odoo_token_linked"])
      })
    })

    describe("company restriction (rule 12)", () => {
      it("links in the request's channel and uses a restricted account only while the link's channel is in it", async () => {
        const restricted = (await iap.createAccount({ service_id: w.reveal.id, customer_id: w.alice.id, sales_channel_ids: [w.b2b.id] })).account
        await iap.grantCredits({ account_id: restricted.id, amount: 10, idempotency_key: "g" })
        const linked = await link({}, w.alice, w.b2b.key)
        expect([linked.data.odoo_token.account_id, linked.data.odoo_token.sales_channel_id]).toEqual([restricted.id, w.b2b.id])
        const balance = () => rpc("balance", { dbuuid: DBUUID, account_token: TOKEN, service_name: "reveal" })
        expect((await balance()).data).toEqual(result(10))
        const hold = await authorize({ credit: 4 })
        expect(hold.data.result).toMatch(/^iaphold_/)

        await iap.updateAccount(restricted.id, { sales_channel_ids: [w.webshop.id] })
        expect((await balance()).data).toEqual(result(0))
        const refused = await authorize({ credit: 1 }, "c4ca4238a0b923820dcc509a6f75849b")
        expect(refused.data.error.data.name).toBe(INSUFFICIENT)
        // the hold made before still resolves: a hold belongs to its service, not to a channel
        const capture = await rpc("capture", { token: hold.data.result, key: w.key, credit_to_capture: 4 })
        expect(capture.data.result.status).toBe("captured")
      })
    })

    describe("admin API", () => {
      it("lists every customer's links with filters and revokes one", async () => {
        const admin = await adminSession(getContainer())
        const alices = await link()
        const bobs = await link({ account_token: OTHER_TOKEN, dbuuid: OTHER_DBUUID }, w.bob)
        const all = await api.get("/admin/iap/odoo-tokens", admin.headers)
        expect(all.data).toEqual({ odoo_tokens: [bobs.data.odoo_token, alices.data.odoo_token], count: 2, limit: 20, offset: 0 })
        const byCustomer = await api.get(`/admin/iap/odoo-tokens?customer_id=${w.alice.id}`, admin.headers)
        expect(byCustomer.data.odoo_tokens).toEqual([alices.data.odoo_token])
        const byDb = await api.get(`/admin/iap/odoo-tokens?dbuuid=${OTHER_DBUUID}&service=reveal`, admin.headers)
        expect(byDb.data.odoo_tokens).toEqual([bobs.data.odoo_token])
        const page = await api.get("/admin/iap/odoo-tokens?limit=1&offset=1", admin.headers)
        expect(page.data).toEqual({ odoo_tokens: [alices.data.odoo_token], count: 2, limit: 1, offset: 1 })

        const revoked = await api.post(`/admin/iap/odoo-tokens/${bobs.data.odoo_token.id}/revoke`, {}, admin.headers)
        expect(revoked.data.odoo_token.revoked_at).toEqual(expect.any(String))
        const active = await api.get("/admin/iap/odoo-tokens?revoked=false", admin.headers)
        expect(active.data.odoo_tokens.map((t: any) => t.id)).toEqual([alices.data.odoo_token.id])

        const fields = await call(api.get("/admin/iap/odoo-tokens?fields=token_hash", admin.headers))
        expect([fields.status, fields.data.type]).toEqual([400, "invalid_data"])
        const badDb = await call(api.get("/admin/iap/odoo-tokens?dbuuid=x", admin.headers))
        expect([badDb.status, badDb.data.type]).toEqual([400, "invalid_data"])
        const missing = await call(api.post("/admin/iap/odoo-tokens/iapotok_nope/revoke", {}, admin.headers))
        expect(missing.status).toBe(404)
      })
    })
  },
})
