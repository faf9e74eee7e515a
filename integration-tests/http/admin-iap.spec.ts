import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type IapModuleService from "../../src/modules/iap/service"
import { clock } from "../../src/modules/iap/utils/clock"
import { ensurePortalHistory } from "../../src/scripts/demo/portal-history"
import { adminSession, call, channelsWithKeys, Headers, iapOf } from "./helpers/portal-fixtures"

jest.setTimeout(120_000)

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let iap: IapModuleService
    let admin: { user: { id: string }; headers: Headers }

    beforeEach(async () => {
      iap = iapOf(getContainer())
      admin = await adminSession(getContainer())
    })

    afterEach(() => clock.reset())

    describe("services", () => {
      it("creates, lists, filters, paginates, updates, archives and rotates keys", async () => {
        const third = await api.post(
          "/admin/iap/services",
          { technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: true, provider_type: "third_party", trial_credits: 5 },
          admin.headers
        )
        expect(third.status).toBe(201)
        expect(third.data.key).toMatch(/^iapk_/)
        expect(third.data.service).toMatchObject({
          technical_name: "sms",
          name: "SMS",
          unit_name: "SMS",
          integer_credits: true,
          trial_credits: 5,
          provider_type: "third_party",
          status: "active",
          key_hint: `iapk_…${third.data.key.slice(-4)}`,
        })
        expect(third.data.service).not.toHaveProperty("key_hash")

        const first = await api.post("/admin/iap/services", { technical_name: "lead_enrich", name: "Lead enrichment" }, admin.headers)
        expect(first.data.key).toBeNull()
        await api.post("/admin/iap/services", { technical_name: "snailmail", name: "Postal mail" }, admin.headers)

        const all = await api.get("/admin/iap/services", admin.headers)
        expect(all.data.count).toBe(3)
        expect(all.data.services.map((s: any) => s.technical_name)).toEqual(["lead_enrich", "sms", "snailmail"])
        expect(all.data.services.every((s: any) => !("key_hash" in s))).toBe(true)

        const page = await api.get("/admin/iap/services?limit=1&offset=1", admin.headers)
        expect(page.data).toMatchObject({ count: 3, limit: 1, offset: 1 })
        expect(page.data.services.map((s: any) => s.technical_name)).toEqual(["sms"])

        const third_only = await api.get("/admin/iap/services?provider_type=third_party", admin.headers)
        expect(third_only.data.services.map((s: any) => s.technical_name)).toEqual(["sms"])
        const searched = await api.get("/admin/iap/services?q=mail", admin.headers)
        expect(searched.data.services.map((s: any) => s.technical_name)).toEqual(["snailmail"])
        // A secret-derived column is not a field one may ask for: 400, nothing leaks.
        const leaked = await call(api.get("/admin/iap/services?fields=key_hash,technical_name", admin.headers))
        expect([leaked.status, leaked.data]).toEqual([400, { type: "invalid_data", message: "Invalid request: fields: key_hash is not allowed" }])

        const id = third.data.service.id
        const one = await api.get(`/admin/iap/services/${id}`, admin.headers)
        expect(one.data.service.id).toBe(id)

        const updated = await api.post(`/admin/iap/services/${id}`, { name: "Text messages", default_warning_threshold: 20 }, admin.headers)
        expect(updated.data.service).toMatchObject({ name: "Text messages", default_warning_threshold: 20, technical_name: "sms" })

        const rotated = await api.post(`/admin/iap/services/${id}/rotate-key`, {}, admin.headers)
        expect(rotated.data.key).toMatch(/^iapk_/)
        expect(rotated.data.key).not.toBe(third.data.key)
        expect(rotated.data.service.key_hint).toBe(`iapk_…${rotated.data.key.slice(-4)}`)
        expect((await iap.authenticateProvider(third.data.key, null)).service).toBeNull()
        expect((await iap.authenticateProvider(rotated.data.key, null)).service?.id).toBe(id)

        const firstParty = await call(api.post(`/admin/iap/services/${first.data.service.id}/rotate-key`, {}, admin.headers))
        expect(firstParty.status).toBe(400)
        expect(firstParty.data.message).toBe("IAP service lead_enrich is first-party: it has no key")

        const archived = await api.delete(`/admin/iap/services/${id}`, admin.headers)
        expect(archived.data).toMatchObject({ id, object: "iap_service", archived: true, service: { status: "archived" } })
        const active = await api.get("/admin/iap/services?status=active", admin.headers)
        expect(active.data.services.map((s: any) => s.technical_name)).toEqual(["lead_enrich", "snailmail"])
      })

      it("answers 400 naming the field, 409 on a duplicate, 404 when unknown, 401 without a session", async () => {
        const badName = await call(api.post("/admin/iap/services", { technical_name: "SMS!", name: "SMS" }, admin.headers))
        expect(badName.status).toBe(400)
        expect(badName.data).toEqual({
          type: "invalid_data",
          message:
            "Invalid request: technical_name must start with a lowercase letter and contain 2 to 63 lowercase letters, digits or underscores",
        })
        const badTrial = await call(api.post("/admin/iap/services", { technical_name: "sms", name: "SMS", trial_credits: 1.23456 }, admin.headers))
        expect(badTrial.status).toBe(400)
        expect(badTrial.data.message).toBe("Invalid request: trial_credits must have at most 4 decimal places")
        const unknown = await call(api.post("/admin/iap/services", { technical_name: "sms", name: "SMS", colour: "red" }, admin.headers))
        expect(unknown.status).toBe(400)
        expect(unknown.data.message).toBe("Invalid request: Unrecognized fields: 'colour'")
        const missing = await call(api.post("/admin/iap/services", { technical_name: "sms" }, admin.headers))
        expect(missing.status).toBe(400)
        expect(missing.data.message).toBe("Invalid request: Field 'name' is required")

        await api.post("/admin/iap/services", { technical_name: "sms", name: "SMS" }, admin.headers)
        const duplicate = await call(api.post("/admin/iap/services", { technical_name: "sms", name: "SMS 2" }, admin.headers))
        expect(duplicate.status).toBe(409)
        expect(duplicate.data).toEqual({ type: "conflict", message: "An IAP service named sms already exists" })

        const absent = await call(api.get("/admin/iap/services/iapsvc_nope", admin.headers))
        expect(absent.status).toBe(404)
        const anonymous = await call(api.get("/admin/iap/services"))
        expect(anonymous.status).toBe(401)
      })
    })

    describe("accounts", () => {
      async function world() {
        const container = getContainer()
        const channels = await channelsWithKeys(container, ["Webshop", "B2B portal"])
        const customers = container.resolve(Modules.CUSTOMER)
        const [acme, bob] = await customers.createCustomers([
          { email: "ops@acme.test", first_name: "Alice" },
          { email: "bob@example.test", first_name: "Bob" },
        ])
        const { service: sms } = await iap.createService({ technical_name: "sms", name: "SMS", integer_credits: true })
        const { service: mail } = await iap.createService({ technical_name: "snailmail", name: "Postal mail" })
        return { channels, acme, bob, sms, mail }
      }

      it("creates accounts, lists them with filters and exact counts, and shows one in detail", async () => {
        const w = await world()
        const created = await api.post(
          "/admin/iap/accounts",
          { service_id: w.sms.id, customer_id: w.acme.id, sales_channel_ids: [w.channels["B2B portal"].id], warning_threshold: 10 },
          admin.headers
        )
        expect(created.status).toBe(201)
        expect(created.data.token).toMatch(/^iapt_/)
        expect(created.data.account).toMatchObject({
          service: "sms",
          service_name: "SMS",
          customer_id: w.acme.id,
          customer: { id: w.acme.id, email: "ops@acme.test", first_name: "Alice" },
          sales_channel_ids: [w.channels["B2B portal"].id],
          sales_channels: [{ id: w.channels["B2B portal"].id, name: "B2B portal" }],
          warning_threshold: 10,
          balance: 0,
          available: 0,
          lots: [],
          holds: [],
          token_hint: `iapt_…${created.data.token.slice(-4)}`,
        })
        const acmeSms = created.data.account.id
        const acmeMail = (await iap.createAccount({ service_id: w.mail.id, customer_id: w.acme.id })).account.id
        const bobSms = (await iap.createAccount({ service_id: w.sms.id, customer_id: w.bob.id })).account.id
        const storeSms = (await api.post("/admin/iap/accounts", { service_id: w.sms.id }, admin.headers)).data.account
        expect(storeSms).toMatchObject({ customer_id: null, customer: null, sales_channels: [] })
        await iap.grantCredits({ account_id: acmeSms, amount: 50, idempotency_key: "g1" })
        await iap.grantCredits({ account_id: bobSms, amount: 5, idempotency_key: "g1" })
        await iap.grantCredits({ account_id: acmeMail, amount: 12.5, idempotency_key: "g1" })
        await iap.updateAccount(bobSms, { state: "suspended" })

        const list = async (qs: string) => {
          const res = await api.get(`/admin/iap/accounts${qs}`, admin.headers)
          return { count: res.data.count, ids: res.data.accounts.map((a: any) => a.id), res }
        }
        const all = await list("")
        expect(all.count).toBe(4)
        expect(all.ids).toEqual([storeSms.id, bobSms, acmeMail, acmeSms])
        expect(all.res.data.accounts.find((a: any) => a.id === acmeMail)).toMatchObject({
          balance: 12.5,
          available: 12.5,
          customer: { email: "ops@acme.test" },
          service: "snailmail",
        })
        expect(await list("?service_id=" + w.sms.id)).toMatchObject({ count: 3 })
        expect(await list("?service=snailmail")).toMatchObject({ count: 1, ids: [acmeMail] })
        expect(await list(`?customer_id=${w.acme.id}`)).toMatchObject({ count: 2, ids: [acmeMail, acmeSms] })
        expect(await list(`?customer_id=${w.acme.id},${w.bob.id}`)).toMatchObject({ count: 3 })
        expect(await list(`?sales_channel_id=${w.channels["B2B portal"].id}`)).toMatchObject({ count: 1, ids: [acmeSms] })
        expect(await list(`?sales_channel_id=${w.channels.Webshop.id}`)).toMatchObject({ count: 0, ids: [] })
        expect(await list("?state=suspended")).toMatchObject({ count: 1, ids: [bobSms] })
        expect(await list("?balance_min=5&balance_max=12.5")).toMatchObject({ count: 2, ids: [bobSms, acmeMail] })
        expect(await list("?balance_min=12.5001")).toMatchObject({ count: 1, ids: [acmeSms] })
        expect(await list("?q=ACME")).toMatchObject({ count: 2, ids: [acmeMail, acmeSms] })
        expect(await list("?q=%25")).toMatchObject({ count: 0 })
        expect(await list("?order=-balance")).toMatchObject({ ids: [acmeSms, acmeMail, bobSms, storeSms.id] })
        expect(await list("?limit=2&offset=1")).toMatchObject({ count: 4, ids: [bobSms, acmeMail] })
        expect(await list("?limit=2&offset=4")).toMatchObject({ count: 4, ids: [] })

        // The read-only link lets Query join an account's customer (src/links/iap-account-customer.ts).
        const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
        const { data: linked } = await query.graph({ entity: "iap_account", fields: ["id", "customer.email"], filters: { id: [acmeSms, storeSms.id] } })
        expect(linked.map((a: any) => [a.id, a.customer?.email ?? null]).sort()).toEqual([[acmeSms, "ops@acme.test"], [storeSms.id, null]].sort())

        const hold = await iap.authorizeCredits({ account_id: acmeSms, amount: 3, idempotency_key: "h1" })
        const detail = await api.get(`/admin/iap/accounts/${acmeSms}`, admin.headers)
        expect(detail.data.account).toMatchObject({ balance: 50, reserved: 3, available: 47 })
        expect(detail.data.account.lots).toEqual([
          expect.objectContaining({ initial_amount: 50, remaining: 50, reserved: 3, status: "available", category: "promotional" }),
        ])
        expect(detail.data.account.holds).toEqual([expect.objectContaining({ id: hold.hold.id, amount: 3, status: "pending" })])
      })

      it("updates settings and refuses bad input with 400s naming the field", async () => {
        const w = await world()
        const { account } = await iap.createAccount({ service_id: w.sms.id, customer_id: w.acme.id })
        const updated = await api.post(
          `/admin/iap/accounts/${account.id}`,
          {
            sales_channel_ids: [w.channels.Webshop.id],
            state: "suspended",
            overdraft_limit: 5,
            warning_threshold: 20,
            warning_emails: ["a@acme.test", "b@acme.test"],
          },
          admin.headers
        )
        expect(updated.data.account).toMatchObject({
          sales_channels: [{ id: w.channels.Webshop.id, name: "Webshop" }],
          state: "suspended",
          overdraft_limit: 5,
          available: 5,
          warning_threshold: 20,
          warning_emails: ["a@acme.test", "b@acme.test"],
          warning_armed: true,
        })

        const bad = async (body: Record<string, unknown>, url = `/admin/iap/accounts/${account.id}`) => {
          const res = await call(api.post(url, body, admin.headers))
          return [res.status, res.data.message]
        }
        expect(await bad({ warning_emails: ["not-an-email"] })).toEqual([
          400,
          "Invalid request: warning_emails must contain valid email addresses",
        ])
        expect(await bad({ warning_emails: Array.from({ length: 11 }, (_, i) => `u${i}@acme.test`) })).toEqual([
          400,
          "Invalid request: Value for field 'warning_emails' too big, expected at most: '10'",
        ])
        expect(await bad({ warning_threshold: -1 })).toEqual([400, "Invalid request: warning_threshold must be greater than 0"])
        expect(await bad({ overdraft_limit: "lots" })).toEqual([400, "Invalid request: overdraft_limit must be a number"])
        expect(await bad({ state: "frozen" })).toEqual([
          400,
          "Invalid request: Expected: 'active, suspended, closed' for field 'state', but got: 'frozen'",
        ])
        expect(await bad({ sales_channel_ids: ["sc_missing"] })).toEqual([
          400,
          "sales_channel_ids: sales channel sc_missing does not exist",
        ])
        expect(await bad({ service_id: w.sms.id, customer_id: "cus_missing" }, "/admin/iap/accounts")).toEqual([
          400,
          "customer_id: customer cus_missing does not exist",
        ])
        await iap.createAccount({ service_id: w.sms.id, customer_id: w.bob.id })
        expect(await bad({ service_id: w.sms.id, customer_id: w.bob.id }, "/admin/iap/accounts")).toEqual([
          409,
          "This holder already has an unrestricted account for service sms",
        ])
        expect(await bad({}, "/admin/iap/accounts")).toEqual([400, "Invalid request: Field 'service_id' is required"])

        const query = async (qs: string) => {
          const res = await call(api.get(`/admin/iap/accounts${qs}`, admin.headers))
          return [res.status, res.data.message]
        }
        expect(await query("?balance_min=abc")).toEqual([400, "Invalid request: balance_min must be a number with at most 4 decimal places"])
        expect(await query("?state=frozen")).toEqual([400, "Invalid request: state must be one of active, suspended, closed, not frozen"])
        expect(await query("?limit=0")).toEqual([400, "Invalid request: Value for field 'limit' too small, expected at least: '1'"])
        expect(await query("?order=name")).toEqual([
          400,
          "Invalid request: Expected: 'created_at, -created_at, balance, -balance' for field 'order', but got: 'name'",
        ])

        const absent = await call(api.get("/admin/iap/accounts/iapacc_nope", admin.headers))
        expect([absent.status, absent.data.message]).toEqual([404, "IAP account with id: iapacc_nope was not found"])
        expect((await call(api.get("/admin/iap/accounts"))).status).toBe(401)
      })

      it("grants and adjusts with a note (the admin as actor), voids a lot's remainder, replays a key", async () => {
        const w = await world()
        const { account } = await iap.createAccount({ service_id: w.sms.id, customer_id: w.acme.id })
        const granted = await api.post(
          `/admin/iap/accounts/${account.id}/grant`,
          { amount: 40, note: "Welcome, Acme", expires_after_days: 30, idempotency_key: "grant-1" },
          admin.headers
        )
        expect(granted.data).toMatchObject({
          replayed: false,
          account: { balance: 40, available: 40 },
          lot: { initial_amount: 40, remaining: 40, category: "promotional", source_type: "grant", source_id: admin.user.id },
          transaction: { type: "grant", amount: 40, balance_after: 40, description: "Welcome, Acme", actor_type: "user", actor_id: admin.user.id },
        })
        const replay = await api.post(
          `/admin/iap/accounts/${account.id}/grant`,
          { amount: 40, note: "Welcome, Acme", expires_after_days: 30, idempotency_key: "grant-1" },
          admin.headers
        )
        expect(replay.data).toMatchObject({ replayed: true, account: { balance: 40 }, transaction: { id: granted.data.transaction.id } })
        const reused = await call(
          api.post(`/admin/iap/accounts/${account.id}/grant`, { amount: 41, note: "x", idempotency_key: "grant-1" }, admin.headers)
        )
        expect([reused.status, reused.data]).toEqual([
          409,
          { type: "conflict", code: "idempotency_key_reused", message: "Idempotency key grant-1 was already used with a different request" },
        ])

        const paid = await api.post(`/admin/iap/accounts/${account.id}/grant`, { amount: 10, note: "Paid by bank transfer", category: "paid" }, admin.headers)
        expect(paid.data.lot.category).toBe("paid")

        const adjusted = await api.post(`/admin/iap/accounts/${account.id}/adjust`, { amount: -15, note: "Double charge refunded twice" }, admin.headers)
        expect(adjusted.data).toMatchObject({
          account: { balance: 35, available: 35 },
          lot: null,
          transaction: { type: "adjustment", amount: -15, balance_after: 35, description: "Double charge refunded twice", actor_type: "user", actor_id: admin.user.id },
        })
        const tooMuch = await call(api.post(`/admin/iap/accounts/${account.id}/adjust`, { amount: -36, note: "oops" }, admin.headers))
        expect(tooMuch.status).toBe(402)
        expect(tooMuch.data).toEqual({
          type: "insufficient_credits",
          message: "Insufficient credits for service sms: 36 required, 35 available",
          service: "sms",
          required: 36,
          available: 35,
          credits_url: "http://localhost:8000/credits?service=sms&credits=1",
        })
        const zero = await call(api.post(`/admin/iap/accounts/${account.id}/adjust`, { amount: 0, note: "nothing" }, admin.headers))
        expect([zero.status, zero.data.message]).toEqual([400, "Invalid request: amount must not be 0"])
        const noNote = await call(api.post(`/admin/iap/accounts/${account.id}/adjust`, { amount: 1 }, admin.headers))
        expect([noNote.status, noNote.data.message]).toEqual([400, "Invalid request: Field 'note' is required"])
        const fraction = await call(api.post(`/admin/iap/accounts/${account.id}/grant`, { amount: 1.5, note: "half" }, admin.headers))
        expect([fraction.status, fraction.data.message]).toEqual([400, "amount must be a whole number for this service"])
        const both = await call(
          api.post(`/admin/iap/accounts/${account.id}/grant`, { amount: 1, note: "x", expires_after_days: 1, expires_at: "2099-01-01T00:00:00Z" }, admin.headers)
        )
        expect([both.status, both.data.message]).toEqual([400, "Invalid request: expires_at and expires_after_days cannot be combined"])

        // The promotional lot (40) paid the 15 adjusted: voiding it takes its 25 left.
        const voided = await api.post(
          `/admin/iap/accounts/${account.id}/lots/${granted.data.lot.id}/void`,
          { note: "Campaign ended" },
          admin.headers
        )
        expect(voided.data).toMatchObject({
          voided: 25,
          shortfall: 15,
          lot: { id: granted.data.lot.id, status: "voided", remaining: 0 },
          transaction: { type: "void", amount: -25, balance_after: 10, description: "Campaign ended", actor_type: "user", actor_id: admin.user.id },
          account: { balance: 10 },
        })
        const again = await call(api.post(`/admin/iap/accounts/${account.id}/lots/${granted.data.lot.id}/void`, {}, admin.headers))
        expect([again.status, again.data.message]).toEqual([409, `IAP credit lot ${granted.data.lot.id} is already voided`])

        const other = await iap.createAccount({ service_id: w.mail.id, customer_id: w.acme.id })
        const foreign = await call(api.post(`/admin/iap/accounts/${other.account.id}/lots/${paid.data.lot.id}/void`, {}, admin.headers))
        expect([foreign.status, foreign.data.message]).toEqual([
          404,
          `IAP credit lot with id: ${paid.data.lot.id} was not found on account ${other.account.id}`,
        ])
      })
    })

    describe("ledger", () => {
      /**
       * A known ledger over four UTC days: acme's sms account (grant, debit, capture,
       * adjustment) and bob's snailmail account (grant, debit), with descriptions that need
       * CSV quoting (commas, quotes, LF, CRLF).
       */
      async function knownLedger() {
        const container = getContainer()
        const [acme, bob] = await container.resolve(Modules.CUSTOMER).createCustomers([
          { email: "ops@acme.test" },
          { email: "bob@example.test" },
        ])
        const { service: sms } = await iap.createService({ technical_name: "sms", name: "SMS", integer_credits: true })
        const { service: mail } = await iap.createService({ technical_name: "snailmail", name: "Postal mail" })
        clock.set(new Date("2030-01-01T09:00:00.000Z"))
        const { account: a } = await iap.createAccount({ service_id: sms.id, customer_id: acme.id })
        const { account: b } = await iap.createAccount({ service_id: mail.id, customer_id: bob.id })
        await api.post(`/admin/iap/accounts/${a.id}/grant`, { amount: 100, note: 'Welcome, "friend"', idempotency_key: "welcome" }, admin.headers)
        clock.set(new Date("2030-01-02T10:00:00.000Z"))
        const debit = await iap.debitCredits({
          account_id: a.id,
          amount: 3,
          idempotency_key: "sms-1",
          description: 'SMS to +49 151, "urgent"\nsecond line',
          reference_type: "sms",
          reference_id: "msg-1",
        })
        clock.set(new Date("2030-01-02T15:30:00.000Z"))
        const hold = await iap.authorizeCredits({ account_id: a.id, amount: 5, idempotency_key: "h-1", reference_type: "sms", reference_id: "msg-2" })
        await iap.captureHold({ hold_id: hold.hold.id, amount: 4, idempotency_key: "c-1", description: "Batch\r\nsend" })
        clock.set(new Date("2030-01-03T08:00:00.000Z"))
        await iap.grantCredits({ account_id: b.id, amount: 10.5, idempotency_key: "g-b" })
        await iap.debitCredits({ account_id: b.id, amount: 2.25, idempotency_key: "mail-1", description: "Letter" })
        clock.set(new Date("2030-01-04T12:00:00.000Z"))
        await api.post(`/admin/iap/accounts/${a.id}/adjust`, { amount: -1, note: "Goodwill", idempotency_key: "adj-1" }, admin.headers)
        clock.reset()
        const rows = (await api.get("/admin/iap/transactions?order=seq", admin.headers)).data.transactions
        return { acme, bob, sms, mail, a, b, hold: hold.hold, debit: debit.transaction, rows }
      }

      it("lists transactions with filters, exact counts and pagination", async () => {
        const l = await knownLedger()
        expect(l.rows.map((t: any) => [t.type, t.amount, t.balance_after, t.service])).toEqual([
          ["grant", 100, 100, "sms"],
          ["debit", -3, 97, "sms"],
          ["capture", -4, 93, "sms"],
          ["grant", 10.5, 10.5, "snailmail"],
          ["debit", -2.25, 8.25, "snailmail"],
          ["adjustment", -1, 92, "sms"],
        ])
        const seqs = l.rows.map((t: any) => t.seq)
        expect([...seqs].sort((x: number, y: number) => x - y)).toEqual(seqs)

        const list = async (qs: string) => {
          const res = await api.get(`/admin/iap/transactions${qs}`, admin.headers)
          return { count: res.data.count, seqs: res.data.transactions.map((t: any) => t.seq) }
        }
        const [s1, s2, s3, s4, s5, s6] = seqs
        expect(await list("")).toEqual({ count: 6, seqs: [s6, s5, s4, s3, s2, s1] })
        expect(await list("?limit=2&offset=2")).toEqual({ count: 6, seqs: [s4, s3] })
        expect(await list("?limit=2&offset=6")).toEqual({ count: 6, seqs: [] })
        expect(await list("?type=debit,capture")).toEqual({ count: 3, seqs: [s5, s3, s2] })
        expect(await list("?type=grant&type=adjustment")).toEqual({ count: 3, seqs: [s6, s4, s1] })
        expect(await list(`?account_id=${l.a.id}`)).toEqual({ count: 4, seqs: [s6, s3, s2, s1] })
        expect(await list(`?customer_id=${l.bob.id}`)).toEqual({ count: 2, seqs: [s5, s4] })
        expect(await list(`?service_id=${l.mail.id}`)).toEqual({ count: 2, seqs: [s5, s4] })
        expect(await list("?created_at[$gte]=2030-01-02T00:00:00Z&created_at[$lte]=2030-01-02T23:59:59Z")).toEqual({ count: 2, seqs: [s3, s2] })
        expect(await list("?created_at[$gte]=2030-01-03")).toEqual({ count: 3, seqs: [s6, s5, s4] })
        expect(await list("?reference_type=sms&reference_id=msg-2")).toEqual({ count: 1, seqs: [s3] })

        const capture = (await api.get("/admin/iap/transactions?type=capture", admin.headers)).data.transactions[0]
        expect(capture).toMatchObject({ hold_id: l.hold.id, idempotency_key: "c-1", customer_id: l.acme.id, created_at: "2030-01-02T15:30:00.000Z" })

        const bad = async (qs: string) => {
          const res = await call(api.get(`/admin/iap/transactions${qs}`, admin.headers))
          return [res.status, res.data.message]
        }
        expect(await bad("?type=refund")).toEqual([
          400,
          "Invalid request: type must be one of grant, purchase, debit, capture, expiry, void, adjustment, reversal, clawback, not refund",
        ])
        expect(await bad("?created_at[$gte]=yesterday")).toEqual([400, "Invalid request: created_at[$gte] must be an ISO 8601 date or date-time (years 0001–9999)"])
        expect(await bad("?limit=101")).toEqual([400, "Invalid request: Value for field 'limit' too big, expected at most: '100'"])
        expect(await bad("?colour=red")).toEqual([400, "Invalid request: Unrecognized fields: 'colour'"])
      })

      it("exports the ledger as RFC 4180 CSV, byte for byte", async () => {
        const l = await knownLedger()
        const [g, d, c, gb, db, adj] = l.rows
        const res = await api.get("/admin/iap/transactions/export", { ...admin.headers, responseType: "text", transformResponse: (x: string) => x })
        expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
        expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="iap-transactions-\d{4}-\d{2}-\d{2}\.csv"$/)
        const expected =
          "seq,id,created_at,account_id,service,customer_id,type,amount,balance_after,description,reference_type,reference_id,hold_id,actor_type,actor_id,idempotency_key\r\n" +
          `${g.seq},${g.id},2030-01-01T09:00:00.000Z,${l.a.id},sms,${l.acme.id},grant,100,100,"Welcome, ""friend""",lot,${g.reference_id},,user,${admin.user.id},welcome\r\n` +
          `${d.seq},${d.id},2030-01-02T10:00:00.000Z,${l.a.id},sms,${l.acme.id},debit,-3,97,"SMS to +49 151, ""urgent""\nsecond line",sms,msg-1,,,,sms-1\r\n` +
          `${c.seq},${c.id},2030-01-02T15:30:00.000Z,${l.a.id},sms,${l.acme.id},capture,-4,93,"Batch\r\nsend",sms,msg-2,${l.hold.id},,,c-1\r\n` +
          `${gb.seq},${gb.id},2030-01-03T08:00:00.000Z,${l.b.id},snailmail,${l.bob.id},grant,10.5,10.5,,lot,${gb.reference_id},,,,g-b\r\n` +
          `${db.seq},${db.id},2030-01-03T08:00:00.000Z,${l.b.id},snailmail,${l.bob.id},debit,-2.25,8.25,Letter,,,,,,mail-1\r\n` +
          `${adj.seq},${adj.id},2030-01-04T12:00:00.000Z,${l.a.id},sms,${l.acme.id},adjustment,-1,92,Goodwill,,,,user,${admin.user.id},adj-1\r\n`
        expect(res.data).toBe(expected)

        const filtered = await api.get(`/admin/iap/transactions/export?account_id=${l.b.id}&type=debit`, {
          ...admin.headers,
          responseType: "text",
          transformResponse: (x: string) => x,
        })
        expect(filtered.data).toBe(
          "seq,id,created_at,account_id,service,customer_id,type,amount,balance_after,description,reference_type,reference_id,hold_id,actor_type,actor_id,idempotency_key\r\n" +
            `${db.seq},${db.id},2030-01-03T08:00:00.000Z,${l.b.id},snailmail,${l.bob.id},debit,-2.25,8.25,Letter,,,,,,mail-1\r\n`
        )
        const bad = await call(api.get("/admin/iap/transactions/export?limit=5", admin.headers))
        expect([bad.status, bad.data.message]).toEqual([400, "Invalid request: Unrecognized fields: 'limit'"])
      })

      it("streams a 100k-row export in cursor batches of 1000", async () => {
        const { service } = await iap.createService({ technical_name: "bulk", name: "Bulk" })
        const { account } = await iap.createAccount({ service_id: service.id })
        const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
        await knex.raw(
          `INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after, description, created_at, updated_at)
           SELECT 'iaptx_bulk_' || lpad(g::text, 6, '0'), ?, 'debit', -1, '{"value":"-1","precision":20}', 0,
             '{"value":"0","precision":20}', 'row ' || g, '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z'
           FROM generate_series(1, 100000) g`,
          [account.id]
        )
        const batches: number[] = []
        const original = iap.exportTransactions.bind(iap)
        jest.spyOn(iap, "exportTransactions").mockImplementation((filters, size, onBatch) =>
          original(filters, size, async (rows) => {
            batches.push(rows.length)
            await onBatch(rows)
          })
        )
        const res = await api.get("/admin/iap/transactions/export", { ...admin.headers, responseType: "text", transformResponse: (x: string) => x })
        const lines = res.data.split("\r\n")
        expect(lines.length).toBe(100_002) // header + 100k rows + the empty string after the last CRLF
        expect(lines[1]).toMatch(new RegExp(`^\\d+,iaptx_bulk_000001,2030-01-01T00:00:00.000Z,${account.id},bulk,,debit,-1,0,row 1,,,,,,$`))
        expect(lines[100_000]).toMatch(/,iaptx_bulk_100000,.*,row 100000,,,,,,$/)
        expect(batches).toEqual(Array(100).fill(1000))
        jest.restoreAllMocks()
      })

      it("reports consumption per day and service, dense, with totals and filters", async () => {
        const l = await knownLedger()
        const series = async (qs: string) => (await api.get(`/admin/iap/consumption${qs}`, admin.headers)).data.consumption
        expect(await series("?from=2030-01-01&to=2030-01-04")).toEqual({
          from: "2030-01-01",
          to: "2030-01-04",
          services: ["sms", "snailmail"],
          series: [
            { date: "2030-01-01", service: "sms", credits: 0 },
            { date: "2030-01-01", service: "snailmail", credits: 0 },
            { date: "2030-01-02", service: "sms", credits: 7 },
            { date: "2030-01-02", service: "snailmail", credits: 0 },
            { date: "2030-01-03", service: "sms", credits: 0 },
            { date: "2030-01-03", service: "snailmail", credits: 2.25 },
            { date: "2030-01-04", service: "sms", credits: 0 },
            { date: "2030-01-04", service: "snailmail", credits: 0 },
          ],
          totals: [
            { service: "sms", credits: 7 },
            { service: "snailmail", credits: 2.25 },
          ],
        })
        expect(await series(`?from=2030-01-02&to=2030-01-03&customer_id=${l.acme.id}`)).toEqual({
          from: "2030-01-02",
          to: "2030-01-03",
          services: ["sms"],
          series: [
            { date: "2030-01-02", service: "sms", credits: 7 },
            { date: "2030-01-03", service: "sms", credits: 0 },
          ],
          totals: [{ service: "sms", credits: 7 }],
        })
        expect((await series(`?from=2030-01-01&to=2030-01-04&service_id=${l.mail.id}`)).totals).toEqual([{ service: "snailmail", credits: 2.25 }])
        expect((await series("?from=2030-01-01&to=2030-01-04&service=sms")).totals).toEqual([{ service: "sms", credits: 7 }])
        expect((await series(`?from=2030-01-05&to=2030-01-31&account_id=${l.a.id}`)).series).toEqual([])

        // A debit undone by a compensation (reversal) is not consumption.
        await iap.reverseTransaction({ transaction_id: l.debit.id })
        expect((await series("?from=2030-01-02&to=2030-01-02")).totals).toEqual([{ service: "sms", credits: 4 }])

        const bad = async (qs: string) => {
          const res = await call(api.get(`/admin/iap/consumption${qs}`, admin.headers))
          return [res.status, res.data.message]
        }
        expect(await bad("?from=2030-02-30")).toEqual([400, "Invalid request: from must be a date (YYYY-MM-DD)"])
        expect(await bad("?from=2030-01-05&to=2030-01-04")).toEqual([400, "Invalid request: to must be on or after from"])
        expect(await bad("?from=2030-01-01&to=2031-01-02")).toEqual([400, "Invalid request: from..to spans at most 366 days"])
        const defaults = await series("")
        expect(defaults.to).toBe(new Date().toISOString().slice(0, 10))
        expect(defaults.from).toBe(new Date(Date.parse(`${defaults.to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10))
      })
    })

    describe("demo seed", () => {
      it("gives the demo customer an idempotent portal history: uses, an expired lot, a crossed threshold", async () => {
        const container = getContainer()
        const channels = await channelsWithKeys(container, ["Webshop", "B2B portal"])
        const [carla] = await container.resolve(Modules.CUSTOMER).createCustomers([{ email: "customer@iap.test" }])
        await iap.createService({ technical_name: "snailmail", name: "Postal mail", integer_credits: true })
        const input = { customerId: carla.id, b2bSalesChannelId: channels["B2B portal"].id }
        const first = await ensurePortalHistory(container, input)
        const ledger = async () => (await api.get(`/admin/iap/transactions?customer_id=${carla.id}&limit=100&order=seq`, admin.headers)).data

        const before = await ledger()
        expect(await ensurePortalHistory(container, input)).toEqual(first)
        expect((await ledger()).transactions.map((t: any) => t.id)).toEqual(before.transactions.map((t: any) => t.id))

        const sms = (await api.get(`/admin/iap/accounts/${first.sms_account_id}`, admin.headers)).data.account
        expect(sms).toMatchObject({ service: "sms", balance: 40, available: 40, warning_threshold: 50, warning_armed: false, sales_channel_ids: [] })
        expect(sms.lots.map((l: any) => [l.source_type, l.category, l.initial_amount, l.remaining, l.status])).toEqual([
          ["grant", "paid", 300, 40, "available"],
          ["grant", "promotional", 80, 0, "expired"],
          ["trial", "promotional", 10, 0, "available"],
        ])
        const smsRows = before.transactions.filter((t: any) => t.account_id === first.sms_account_id)
        expect(smsRows).toHaveLength(43)
        expect(smsRows.filter((t: any) => t.type === "debit")).toHaveLength(39)
        expect(smsRows.filter((t: any) => t.type === "expiry").map((t: any) => t.amount)).toEqual([-15])

        const letters = (await api.get(`/admin/iap/accounts/${first.letters_account_id}`, admin.headers)).data.account
        expect(letters).toMatchObject({ service: "snailmail", balance: 17, sales_channels: [{ id: channels["B2B portal"].id, name: "B2B portal" }] })

        const from = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10)
        const consumption = (await api.get(`/admin/iap/consumption?from=${from}&customer_id=${carla.id}`, admin.headers)).data.consumption
        expect(consumption.totals).toEqual([
          { service: "sms", credits: 335 },
          { service: "snailmail", credits: 3 },
        ])
      })
    })
  },
})
