import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type IapModuleService from "../../src/modules/iap/service"
import { clock } from "../../src/modules/iap/utils/clock"
import { call, channelsWithKeys, iapOf, signedInCustomer } from "./helpers/portal-fixtures"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let iap: IapModuleService
    let w: Awaited<ReturnType<typeof world>>

    /**
     * Two sales channels with their keys; Alice has an unrestricted sms account (A1) and a
     * snailmail account restricted to "B2B portal" (A2); Bob has an sms account (B1).
     */
    async function world() {
      const channels = await channelsWithKeys(getContainer(), ["Webshop", "B2B portal"])
      const webshop = channels.Webshop
      const b2b = channels["B2B portal"]
      const alice = await signedInCustomer(api, webshop.key, "alice@acme.test")
      const bob = await signedInCustomer(api, webshop.key, "bob@example.test")
      const { service: sms } = await iap.createService({ technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: true })
      const { service: mail } = await iap.createService({ technical_name: "snailmail", name: "Postal mail" })
      clock.set(new Date("2030-03-01T08:00:00.000Z"))
      const A1 = (await iap.createAccount({ service_id: sms.id, customer_id: alice.id, warning_threshold: 30 })).account
      const A2 = (await iap.createAccount({ service_id: mail.id, customer_id: alice.id, sales_channel_ids: [b2b.id] })).account
      const B1 = (await iap.createAccount({ service_id: sms.id, customer_id: bob.id })).account
      await iap.grantCredits({ account_id: A1.id, amount: 40, idempotency_key: "g", description: "Welcome" })
      await iap.grantCredits({ account_id: A2.id, amount: 10, idempotency_key: "g" })
      await iap.grantCredits({ account_id: B1.id, amount: 50, idempotency_key: "g" })
      clock.set(new Date("2030-03-02T08:00:00.000Z"))
      await iap.debitCredits({ account_id: A1.id, amount: 10, idempotency_key: "d1", description: "Campaign" })
      await iap.debitCredits({ account_id: A2.id, amount: 1.5, idempotency_key: "d1" })
      await iap.debitCredits({ account_id: B1.id, amount: 7, idempotency_key: "d1" })
      clock.set(new Date("2030-03-03T08:00:00.000Z"))
      await iap.debitCredits({ account_id: A1.id, amount: 5, idempotency_key: "d2", description: "Reminder" })
      clock.reset()
      return { webshop, b2b, alice, bob, sms, mail, A1, A2, B1 }
    }

    beforeEach(async () => {
      iap = iapOf(getContainer())
      w = await world()
    })

    afterEach(() => clock.reset())

    it("lists the customer's accounts usable in the key's sales channels, with balances and a credits_url", async () => {
      const inWebshop = await api.get("/store/iap/accounts", w.alice.headers(w.webshop.key))
      expect(inWebshop.data).toMatchObject({ count: 1, limit: 20, offset: 0 })
      expect(inWebshop.data.accounts).toEqual([
        {
          id: w.A1.id,
          service_id: w.sms.id,
          service: "sms",
          service_name: "SMS",
          unit_name: "SMS",
          integer_credits: true,
          customer_id: w.alice.id,
          state: "active",
          balance: 25,
          reserved: 0,
          available: 25,
          pending: 0,
          debt: 0,
          overdraft_limit: 0,
          sales_channel_ids: [],
          sales_channels: [],
          token_hint: w.A1.token_hint,
          warning_threshold: 30,
          warning_emails: [],
          warning_armed: false,
          created_at: "2030-03-01T08:00:00.000Z",
          updated_at: expect.any(String),
          credits_url: `http://localhost:8000/credits?service=sms&credits=5`,
        },
      ])
      const inB2b = await api.get("/store/iap/accounts", w.alice.headers(w.b2b.key))
      expect(inB2b.data.count).toBe(2)
      expect(inB2b.data.accounts.map((a: any) => a.id).sort()).toEqual([w.A1.id, w.A2.id].sort())
      const a2 = inB2b.data.accounts.find((a: any) => a.id === w.A2.id)
      expect(a2).toMatchObject({
        balance: 8.5,
        sales_channels: [{ id: w.b2b.id, name: "B2B portal" }],
        credits_url: "http://localhost:8000/credits?service=snailmail&credits=0",
      })
      const mailOnly = await api.get("/store/iap/accounts?service=snailmail", w.alice.headers(w.b2b.key))
      expect(mailOnly.data.accounts.map((a: any) => a.id)).toEqual([w.A2.id])
      const paged = await api.get("/store/iap/accounts?limit=1&offset=1", w.alice.headers(w.b2b.key))
      expect(paged.data).toMatchObject({ count: 2, limit: 1, offset: 1 })
      expect(paged.data.accounts).toHaveLength(1)
      const bobs = await api.get("/store/iap/accounts", w.bob.headers())
      expect(bobs.data.accounts.map((a: any) => a.id)).toEqual([w.B1.id])

      const detail = await api.get(`/store/iap/accounts/${w.A1.id}`, w.alice.headers())
      expect(detail.data.account).toMatchObject({ id: w.A1.id, balance: 25, credits_url: "http://localhost:8000/credits?service=sms&credits=5" })
      expect(detail.data.account.lots).toEqual([
        {
          id: expect.any(String),
          account_id: w.A1.id,
          source_type: "grant",
          category: "promotional",
          initial_amount: 40,
          remaining: 25,
          reserved: 0,
          status: "available",
          expires_at: null,
          created_at: "2030-03-01T08:00:00.000Z",
        },
      ])
      expect(detail.data.account).not.toHaveProperty("holds")
      expect(detail.data.account).not.toHaveProperty("metadata")
    })

    it("answers 404 for another customer's account or one outside the key's channels, 401 without sign-in", async () => {
      const asAlice = w.alice.headers()
      const attempts = [
        call(api.get(`/store/iap/accounts/${w.B1.id}`, asAlice)),
        call(api.post(`/store/iap/accounts/${w.B1.id}`, { warning_threshold: 1, warning_emails: ["evil@x.test"] }, asAlice)),
        call(api.post(`/store/iap/accounts/${w.B1.id}/rotate-token`, {}, asAlice)),
        call(api.get(`/store/iap/accounts/${w.B1.id}/transactions`, asAlice)),
        call(api.get(`/store/iap/accounts/${w.A2.id}`, w.alice.headers(w.webshop.key))),
        call(api.post(`/store/iap/accounts/${w.A2.id}`, { warning_threshold: 1 }, w.alice.headers(w.webshop.key))),
      ]
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(404)
        expect(res.data).toEqual({ type: "not_found", message: expect.stringMatching(/^IAP account with id: iapacc_\w+ was not found$/) })
      }
      const b1 = await iap.retrieveAccount(w.B1.id)
      expect(b1).toMatchObject({ warning_threshold: null, warning_emails: [], token_hint: w.B1.token_hint })

      const pk = { headers: { "x-publishable-api-key": w.webshop.key } }
      const anonymous = [
        call(api.get("/store/iap/accounts", pk)),
        call(api.get(`/store/iap/accounts/${w.A1.id}`, pk)),
        call(api.post(`/store/iap/accounts/${w.A1.id}`, { warning_threshold: 1 }, pk)),
        call(api.post(`/store/iap/accounts/${w.A1.id}/rotate-token`, {}, pk)),
        call(api.get(`/store/iap/accounts/${w.A1.id}/transactions`, pk)),
        call(api.get("/store/iap/consumption", pk)),
      ]
      for (const res of await Promise.all(anonymous)) {
        expect([res.status, res.data]).toEqual([401, { message: "Unauthorized" }])
      }
      const noKey = await call(api.get("/store/iap/accounts", { headers: { authorization: asAlice.headers.authorization } }))
      expect(noKey.status).toBe(400)
    })

    it("updates the threshold and recipients, refusing bad emails, more than 10, and admin-only fields", async () => {
      const url = `/store/iap/accounts/${w.A1.id}`
      const updated = await api.post(url, { warning_threshold: 20, warning_emails: ["ops@acme.test", "cto@acme.test"] }, w.alice.headers())
      expect(updated.data.account).toMatchObject({
        warning_threshold: 20,
        warning_emails: ["ops@acme.test", "cto@acme.test"],
        warning_armed: true,
        credits_url: "http://localhost:8000/credits?service=sms&credits=0",
      })
      const bad = async (body: Record<string, unknown>) => {
        const res = await call(api.post(url, body, w.alice.headers()))
        return [res.status, res.data.message]
      }
      expect(await bad({ warning_emails: ["ops@acme.test", "nope"] })).toEqual([
        400,
        "Invalid request: warning_emails must contain valid email addresses",
      ])
      expect(await bad({ warning_emails: Array.from({ length: 11 }, (_, i) => `u${i}@acme.test`) })).toEqual([
        400,
        "Invalid request: Value for field 'warning_emails' too big, expected at most: '10'",
      ])
      expect(await bad({ warning_threshold: "ten" })).toEqual([400, "Invalid request: warning_threshold must be a number"])
      expect(await bad({ overdraft_limit: 1000 })).toEqual([400, "Invalid request: Unrecognized fields: 'overdraft_limit'"])
      expect(await bad({ sales_channel_ids: [] })).toEqual([400, "Invalid request: Unrecognized fields: 'sales_channel_ids'"])
      const ten = Array.from({ length: 10 }, (_, i) => `u${i}@acme.test`)
      expect((await api.post(url, { warning_emails: ten }, w.alice.headers())).data.account.warning_emails).toEqual(ten)
      const off = await api.post(url, { warning_threshold: null }, w.alice.headers())
      expect(off.data.account).toMatchObject({ warning_threshold: null, credits_url: "http://localhost:8000/credits?service=sms&credits=0" })
      expect((await iap.retrieveAccount(w.A1.id)).overdraft_limit).toBe(0)
    })

    it("rotates the account token, showing it once", async () => {
      const rotated = await api.post(`/store/iap/accounts/${w.A1.id}/rotate-token`, {}, w.alice.headers())
      const token = rotated.data.token
      expect(token).toMatch(/^iapt_/)
      expect(rotated.data.account).toMatchObject({ id: w.A1.id, token_hint: `iapt_…${token.slice(-4)}` })
      expect((await iap.findAccountByToken(token))?.id).toBe(w.A1.id)
      const again = await api.get(`/store/iap/accounts/${w.A1.id}`, w.alice.headers())
      expect(JSON.stringify(again.data)).not.toContain(token)
    })

    it("lists the account's ledger with filters and pagination, without internal ids", async () => {
      const url = `/store/iap/accounts/${w.A1.id}/transactions`
      const all = await api.get(url, w.alice.headers())
      expect(all.data).toMatchObject({ count: 3, limit: 50, offset: 0 })
      expect(all.data.transactions.map((t: any) => [t.type, t.amount, t.balance_after, t.description])).toEqual([
        ["debit", -5, 25, "Reminder"],
        ["debit", -10, 30, "Campaign"],
        ["grant", 40, 40, "Welcome"],
      ])
      expect(Object.keys(all.data.transactions[0]).sort()).toEqual(
        ["account_id", "actor_type", "amount", "balance_after", "created_at", "description", "id", "order_id", "rate_version", "reference_id", "reference_type", "seq", "service", "type", "usage"].sort()
      )
      const debits = await api.get(`${url}?type=debit&limit=1&offset=1`, w.alice.headers())
      expect(debits.data).toMatchObject({ count: 2, limit: 1, offset: 1 })
      expect(debits.data.transactions.map((t: any) => t.description)).toEqual(["Campaign"])
      const day = await api.get(`${url}?created_at[$gte]=2030-03-03T00:00:00Z`, w.alice.headers())
      expect(day.data.transactions.map((t: any) => t.description)).toEqual(["Reminder"])
      const bad = await call(api.get(`${url}?type=bonus`, w.alice.headers()))
      expect([bad.status, bad.data.message]).toEqual([
        400,
        "Invalid request: type must be one of grant, purchase, debit, capture, expiry, void, adjustment, reversal, clawback, not bonus",
      ])
    })

    it("reports the customer's consumption per day and service, in the key's channels only", async () => {
      const series = async (qs: string, headers = w.alice.headers()) =>
        (await api.get(`/store/iap/consumption${qs}`, headers)).data.consumption
      expect(await series("?from=2030-03-01&to=2030-03-03")).toEqual({
        from: "2030-03-01",
        to: "2030-03-03",
        services: ["sms"],
        series: [
          { date: "2030-03-01", service: "sms", credits: 0 },
          { date: "2030-03-02", service: "sms", credits: 10 },
          { date: "2030-03-03", service: "sms", credits: 5 },
        ],
        totals: [{ service: "sms", credits: 15 }],
      })
      expect((await series("?from=2030-03-01&to=2030-03-03", w.alice.headers(w.b2b.key))).totals).toEqual([
        { service: "sms", credits: 15 },
        { service: "snailmail", credits: 1.5 },
      ])
      expect(await series(`?from=2030-03-01&to=2030-03-03&account_id=${w.B1.id}`)).toMatchObject({ services: [], series: [], totals: [] })
      expect((await series("?from=2030-03-01&to=2030-03-03", w.bob.headers())).totals).toEqual([{ service: "sms", credits: 7 }])
      const bad = await call(api.get("/store/iap/consumption?from=2030-03-04&to=2030-03-01", w.alice.headers()))
      expect([bad.status, bad.data.message]).toEqual([400, "Invalid request: to must be on or after from"])
    })
  },
})
