import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { adminSuite, type AdminSession, seedAccountsWorld } from "../helpers/admin-suite"
import { call } from "../helpers/portal-fixtures"

adminSuite(({ api, getContainer, session }) => {
  const world = () => seedAccountsWorld(getContainer())
  type World = Awaited<ReturnType<typeof world>>

  /**
   * Four accounts, newest first: the store's sms account (0), bob's sms account (5, suspended),
   * acme's snailmail account (12.5) and acme's sms account (50, restricted to the B2B portal,
   * threshold 10). `created` is the POST answer for acme's sms account.
   */
  async function fourAccounts(w: World, admin: AdminSession) {
    const { iap } = session()
    const created = await api.post(
      "/admin/iap/accounts",
      { service_id: w.sms.id, customer_id: w.acme.id, sales_channel_ids: [w.channels["B2B portal"].id], warning_threshold: 10 },
      admin.headers
    )
    const acmeSms = created.data.account.id
    const acmeMail = (await iap.createAccount({ service_id: w.mail.id, customer_id: w.acme.id })).account.id
    const bobSms = (await iap.createAccount({ service_id: w.sms.id, customer_id: w.bob.id })).account.id
    const storeSms = (await api.post("/admin/iap/accounts", { service_id: w.sms.id }, admin.headers)).data.account
    await iap.grantCredits({ account_id: acmeSms, amount: 50, idempotency_key: "g1" })
    await iap.grantCredits({ account_id: bobSms, amount: 5, idempotency_key: "g1" })
    await iap.grantCredits({ account_id: acmeMail, amount: 12.5, idempotency_key: "g1" })
    await iap.updateAccount(bobSms, { state: "suspended" })
    return { created, acmeSms, acmeMail, bobSms, storeSms }
  }

  /** A grant of 40 promotional credits (expiring in 30 days, key grant-1), a paid grant of 10, an adjustment of -15. */
  async function grantPaidAdjust(accountId: string, admin: AdminSession) {
    const granted = await api.post(
      `/admin/iap/accounts/${accountId}/grant`,
      { amount: 40, note: "Welcome, Acme", expires_after_days: 30, idempotency_key: "grant-1" },
      admin.headers
    )
    const paid = await api.post(`/admin/iap/accounts/${accountId}/grant`, { amount: 10, note: "Paid by bank transfer", category: "paid" }, admin.headers)
    const adjusted = await api.post(`/admin/iap/accounts/${accountId}/adjust`, { amount: -15, note: "Double charge refunded twice" }, admin.headers)
    return { granted, paid, adjusted }
  }

  describe("POST /admin/iap/accounts", () => {
    it("creates a customer's account (token shown once, channels, threshold) and a store account", async () => {
      const { admin } = session()
      const w = await world()
      const { created, storeSms } = await fourAccounts(w, admin)
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
      expect(storeSms).toMatchObject({ customer_id: null, customer: null, sales_channels: [] })
    })

    it("answers 400 naming the field, 409 for a second unrestricted account", async () => {
      const { iap, admin } = session()
      const w = await world()
      const bad = async (body: Record<string, unknown>) => {
        const res = await call(api.post("/admin/iap/accounts", body, admin.headers))
        return [res.status, res.data.message]
      }
      expect(await bad({ service_id: w.sms.id, customer_id: "cus_missing" })).toEqual([
        400,
        "customer_id: customer cus_missing does not exist",
      ])
      await iap.createAccount({ service_id: w.sms.id, customer_id: w.bob.id })
      expect(await bad({ service_id: w.sms.id, customer_id: w.bob.id })).toEqual([
        409,
        "This holder already has an unrestricted account for service sms",
      ])
      expect(await bad({})).toEqual([400, "Invalid request: Field 'service_id' is required"])
    })
  })

  describe("GET /admin/iap/accounts", () => {
    it("lists accounts with filters, exact counts, order and pagination", async () => {
      const { admin } = session()
      const w = await world()
      const { acmeSms, acmeMail, bobSms, storeSms } = await fourAccounts(w, admin)

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
    })

    it("answers 400 naming a bad query parameter, 401 without a session", async () => {
      const { admin } = session()
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
      expect((await call(api.get("/admin/iap/accounts"))).status).toBe(401)
    })
  })

  describe("GET /admin/iap/accounts/:id", () => {
    it("shows one account with its lots and pending holds", async () => {
      const { iap, admin } = session()
      const w = await world()
      const { acmeSms } = await fourAccounts(w, admin)
      const hold = await iap.authorizeCredits({ account_id: acmeSms, amount: 3, idempotency_key: "h1" })
      const detail = await api.get(`/admin/iap/accounts/${acmeSms}`, admin.headers)
      expect(detail.data.account).toMatchObject({ balance: 50, reserved: 3, available: 47 })
      expect(detail.data.account.lots).toEqual([
        expect.objectContaining({ initial_amount: 50, remaining: 50, reserved: 3, status: "available", category: "promotional" }),
      ])
      expect(detail.data.account.holds).toEqual([expect.objectContaining({ id: hold.hold.id, amount: 3, status: "pending" })])
    })

    it("answers 404 when unknown", async () => {
      const { admin } = session()
      const absent = await call(api.get("/admin/iap/accounts/iapacc_nope", admin.headers))
      expect([absent.status, absent.data.message]).toEqual([404, "IAP account with id: iapacc_nope was not found"])
    })
  })

  describe("POST /admin/iap/accounts/:id", () => {
    it("updates settings and refuses bad input with 400s naming the field", async () => {
      const { iap, admin } = session()
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

      const bad = async (body: Record<string, unknown>) => {
        const res = await call(api.post(`/admin/iap/accounts/${account.id}`, body, admin.headers))
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
    })
  })

  describe("POST /admin/iap/accounts/:id/grant", () => {
    it("grants with a note (the admin as actor), replays a key, refuses a reused key and bad amounts", async () => {
      const { iap, admin } = session()
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

      const fraction = await call(api.post(`/admin/iap/accounts/${account.id}/grant`, { amount: 1.5, note: "half" }, admin.headers))
      expect([fraction.status, fraction.data.message]).toEqual([400, "amount must be a whole number for this service"])
      const both = await call(
        api.post(`/admin/iap/accounts/${account.id}/grant`, { amount: 1, note: "x", expires_after_days: 1, expires_at: "2099-01-01T00:00:00Z" }, admin.headers)
      )
      expect([both.status, both.data.message]).toEqual([400, "Invalid request: expires_at and expires_after_days cannot be combined"])
    })
  })

  describe("POST /admin/iap/accounts/:id/adjust", () => {
    it("adjusts with a note (the admin as actor); 402 beyond the balance, 400 for 0 or no note", async () => {
      const { iap, admin } = session()
      const w = await world()
      const { account } = await iap.createAccount({ service_id: w.sms.id, customer_id: w.acme.id })
      const { adjusted } = await grantPaidAdjust(account.id, admin)
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
    })
  })

  describe("POST /admin/iap/accounts/:id/lots/:lot_id/void", () => {
    it("voids a lot's remainder once, and only on its own account", async () => {
      const { iap, admin } = session()
      const w = await world()
      const { account } = await iap.createAccount({ service_id: w.sms.id, customer_id: w.acme.id })
      const { granted, paid } = await grantPaidAdjust(account.id, admin)

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
})
