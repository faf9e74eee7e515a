import { Client } from "pg"
import { clock } from "../utils/clock"
import { expectInvariants, iapModuleRunner, invariants, ledgerRows, sql } from "./helpers"

jest.setTimeout(120_000)

const DAY = 24 * 3600 * 1000
const T0 = new Date("2030-01-01T00:00:00.000Z")

iapModuleRunner({
  testSuite: ({ service, dbConfig }) => {
    let db: Client
    let serviceId: string

    beforeEach(async () => {
      clock.set(T0)
      db = await sql(dbConfig.clientUrl)
      const { service: svc } = await service.createService({ technical_name: "sms", name: "SMS", unit_name: "SMS" })
      serviceId = svc.id
    })

    afterEach(async () => {
      clock.reset()
      await db.end()
    })

    const newAccount = async (customer = "cus_a", channels: string[] = []) =>
      (await service.createAccount({ service_id: serviceId, customer_id: customer, sales_channel_ids: channels })).account

    describe("services", () => {
      it("creates a third-party service with a key shown once and stored hashed", async () => {
        const { service: svc, key } = await service.createService({
          technical_name: "snailmail", name: "Postal mail", provider_type: "third_party",
        })
        expect(key).toMatch(/^iapk_/)
        expect(svc.key_hint).toBe(`iapk_…${key!.slice(-4)}`)
        expect((svc as any).key_hash).toBeUndefined()
        const { rows } = await db.query(`SELECT key_hash FROM iap_service WHERE id = $1`, [svc.id])
        expect(rows[0].key_hash).toHaveLength(64)
        expect(rows[0].key_hash).not.toContain(key)
        expect((await service.authenticateProvider(key!, null)).service!.id).toBe(svc.id)
        expect((await service.authenticateProvider(key! + "x", null)).service).toBeNull()

        const rotated = await service.rotateServiceKey(svc.id)
        expect((await service.authenticateProvider(key!, null)).service).toBeNull()
        expect((await service.authenticateProvider(rotated.key, null)).service!.id).toBe(svc.id)
      })

      it("refuses a bad technical name and a duplicate", async () => {
        await expect(service.createService({ technical_name: "SMS!", name: "x" })).rejects.toMatchObject({
          type: "invalid_data",
          message: expect.stringContaining("technical_name"),
        })
        await expect(service.createService({ technical_name: "sms", name: "again" })).rejects.toMatchObject({
          type: "conflict",
          message: "An IAP service named sms already exists",
        })
      })

      it("answers the loser of two concurrent creates of one name with the same 409", async () => {
        const results = await Promise.allSettled([
          service.createService({ technical_name: "race", name: "First" }),
          service.createService({ technical_name: "race", name: "Second" }),
        ])
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1)
        expect(results.find((r) => r.status === "rejected")).toMatchObject({
          reason: { type: "conflict", message: "An IAP service named race already exists" },
        })
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM iap_service WHERE technical_name = 'race'`)
        expect(rows[0].n).toBe(1)
      })
    })

    describe("account resolution (docs/rules.md §1)", () => {
      it("prefers the newest restricted account of the channel, else the unrestricted one", async () => {
        const unrestricted = await newAccount("cus_a", [])
        const b2bOld = await newAccount("cus_a", ["sc_b2b"])
        clock.advance(1000)
        const b2bNew = await newAccount("cus_a", ["sc_b2b", "sc_other"])
        const webOnly = await newAccount("cus_a", ["sc_web"])
        await newAccount("cus_b", ["sc_b2b"])

        const resolve = async (customer: string | null, channel: string | null) =>
          (await service.resolveAccount({ service_id: serviceId, customer_id: customer, sales_channel_id: channel })).account.id

        expect(await resolve("cus_a", "sc_b2b")).toBe(b2bNew.id)
        expect(await resolve("cus_a", "sc_other")).toBe(b2bNew.id)
        expect(await resolve("cus_a", "sc_web")).toBe(webOnly.id)
        expect(await resolve("cus_a", "sc_none")).toBe(unrestricted.id)
        expect(await resolve("cus_a", null)).toBe(unrestricted.id)
        expect(b2bOld.id).not.toBe(b2bNew.id)

        // cus_b has only a restricted account: outside its channel a new unrestricted one is created
        const outside = await service.resolveAccount({ service_id: serviceId, customer_id: "cus_b", sales_channel_id: "sc_web" })
        expect(outside.created).toBe(true)
        expect(outside.account.sales_channel_ids).toEqual([])

        // a closed restricted account is never chosen
        await service.updateAccount(b2bNew.id, { state: "closed" })
        expect(await resolve("cus_a", "sc_b2b")).toBe(b2bOld.id)
      })

      it("creates exactly one unrestricted account under concurrent first use, trial granted once", async () => {
        await service.updateService(serviceId, { trial_credits: 5 })
        const results = await Promise.all(
          Array.from({ length: 20 }, () =>
            service.resolveAccount({ service_id: serviceId, customer_id: "cus_new", sales_channel_id: "sc_web" })
          )
        )
        const ids = new Set(results.map((r) => r.account.id))
        expect(ids.size).toBe(1)
        expect(results.filter((r) => r.created)).toHaveLength(1)
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM iap_account WHERE customer_id = 'cus_new'`)
        expect(rows[0].n).toBe(1)
        const account = await service.retrieveAccount([...ids][0])
        expect(account.balance).toBe(5)
        const lots = await db.query(`SELECT source_type, category, initial_amount::text AS a FROM iap_credit_lot WHERE account_id = $1`, [account.id])
        expect(lots.rows).toEqual([{ source_type: "trial", category: "promotional", a: "5" }])

        // closing the account and resolving again gives a new account without a second trial
        await service.updateAccount(account.id, { state: "closed" })
        const again = await service.resolveAccount({ service_id: serviceId, customer_id: "cus_new" })
        expect(again.created).toBe(true)
        expect(again.account.balance).toBe(0)
        expect(again.trial_lot_id).toBeNull()
      })

      it("gives the store (customer_id null) its own account", async () => {
        const store = await service.resolveAccount({ service_id: serviceId, customer_id: null })
        const again = await service.resolveAccount({ service_id: serviceId })
        expect(again.account.id).toBe(store.account.id)
        expect(store.account.customer_id).toBeNull()
        await expect(service.createAccount({ service_id: serviceId, customer_id: null })).rejects.toMatchObject({
          type: "conflict",
          message: "This holder already has an unrestricted account for service sms",
        })
      })
    })

    describe("draw-down (docs/rules.md §3)", () => {
      it("takes soonest expiry first, never-expiring last, promotional before paid, oldest first", async () => {
        const acc = await newAccount()
        const grant = async (key: string, amount: number, extra: object) =>
          (await service.grantCredits({ account_id: acc.id, amount, idempotency_key: key, ...extra })).lot.id
        const paidNever = await grant("g1", 10, { category: "paid" })
        const promoNever = await grant("g2", 10, { category: "promotional" })
        const paid10d = await grant("g3", 10, { category: "paid", expires_after_days: 10 })
        const promo10d = await grant("g4", 10, { category: "promotional", expires_after_days: 10 })
        clock.advance(1000)
        const paid10dLater = await grant("g5", 10, { category: "paid", expires_at: new Date(T0.getTime() + 10 * DAY) })
        const paid5d = await grant("g6", 10, { category: "paid", expires_after_days: 5 })

        const debit = await service.debitCredits({ account_id: acc.id, amount: 45, idempotency_key: "d1" })
        expect(debit.transaction.amount).toBe(-45)
        expect(debit.transaction.balance_after).toBe(15)

        const { rows } = await db.query(
          `SELECT m.lot_id, m.amount::text AS amount FROM iap_transaction_lot m WHERE m.transaction_id = $1 ORDER BY m.amount, m.lot_id`,
          [debit.transaction.id]
        )
        const taken = Object.fromEntries(rows.map((r) => [r.lot_id, Number(r.amount)]))
        expect(taken).toEqual({ [paid5d]: -10, [promo10d]: -10, [paid10d]: -10, [paid10dLater]: -10, [promoNever]: -5 })
        const remaining = await db.query(`SELECT id, remaining::text AS r FROM iap_credit_lot WHERE account_id = $1`, [acc.id])
        const rem = Object.fromEntries(remaining.rows.map((r) => [r.id, Number(r.r)]))
        expect(rem[promoNever]).toBe(5)
        expect(rem[paidNever]).toBe(10)
        expectInvariants(await invariants(db, acc.id))
      })
    })

    describe("debits and overdraft (docs/rules.md §4)", () => {
      it("refuses a debit above available with the numbers, and changes nothing", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 3, idempotency_key: "g" })
        await expect(service.debitCredits({ account_id: acc.id, amount: 4, idempotency_key: "d" })).rejects.toMatchObject({
          type: "insufficient_credits",
          service: "sms",
          required: 4,
          available: 3,
          message: "Insufficient credits for service sms: 4 required, 3 available",
        })
        expect(await ledgerRows(db, acc.id)).toEqual([{ type: "grant", amount: 3, balance_after: 3 }])
        // the key was not consumed by the failure
        const ok = await service.debitCredits({ account_id: acc.id, amount: 3, idempotency_key: "d" })
        expect(ok.account.balance).toBe(0)
      })

      it("turns the uncovered part into debt within the overdraft limit, repaid by the next grant", async () => {
        const acc = await newAccount()
        await service.updateAccount(acc.id, { overdraft_limit: 10 })
        await service.grantCredits({ account_id: acc.id, amount: 5, idempotency_key: "g1" })
        const d = await service.debitCredits({ account_id: acc.id, amount: 12, idempotency_key: "d1" })
        expect(d.account).toMatchObject({ balance: -7, debt: 7, available: 3 })
        await expect(service.debitCredits({ account_id: acc.id, amount: 4, idempotency_key: "d2" })).rejects.toMatchObject({
          type: "insufficient_credits", available: 3,
        })
        const g = await service.grantCredits({ account_id: acc.id, amount: 10, idempotency_key: "g2" })
        expect(g.account).toMatchObject({ balance: 3, debt: 0, available: 13 })
        expect(g.lot).toMatchObject({ initial_amount: 10, remaining: 3 })
        expectInvariants(await invariants(db, acc.id))
      })

      it("stays exact under 50 concurrent debits: only the feasible ones succeed", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 17, idempotency_key: "g1" })
        await service.grantCredits({ account_id: acc.id, amount: 13.5, idempotency_key: "g2", category: "paid" })
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            service.debitCredits({ account_id: acc.id, amount: 1.5, idempotency_key: `d${i}` })
          )
        )
        const ok = results.filter((r) => r.status === "fulfilled")
        const failed = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[]
        expect(ok).toHaveLength(20) // 30.5 / 1.5
        expect(failed).toHaveLength(30)
        expect(failed.every((f) => f.reason.type === "insufficient_credits")).toBe(true)
        const inv = await invariants(db, acc.id)
        expect(inv.balance).toBe(0.5)
        expectInvariants(inv)
      })
    })

    describe("holds (docs/rules.md §5)", () => {
      it("authorize 10 → capture 6 releases 4; capture again returns the same; cancel after capture → 409", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 20, idempotency_key: "g" })
        const auth = await service.authorizeCredits({ account_id: acc.id, amount: 10, idempotency_key: "a1" })
        expect(auth.hold).toMatchObject({ amount: 10, status: "pending" })
        expect(auth.account).toMatchObject({ balance: 20, reserved: 10, available: 10 })
        await expect(service.debitCredits({ account_id: acc.id, amount: 11, idempotency_key: "d" })).rejects.toMatchObject({
          type: "insufficient_credits", available: 10,
        })

        const cap = await service.captureHold({ hold_id: auth.hold.id, amount: 6, idempotency_key: "c1" })
        expect(cap.hold).toMatchObject({ status: "captured", captured_amount: 6 })
        expect(cap.account).toMatchObject({ balance: 14, reserved: 0, available: 14 })
        expect(cap.transaction).toMatchObject({ type: "capture", amount: -6, balance_after: 14, hold_id: auth.hold.id })

        const again = await service.captureHold({ hold_id: auth.hold.id, amount: 6, idempotency_key: "c2" })
        expect(again.replayed).toBe(true)
        expect(again.transaction!.id).toBe(cap.transaction!.id)
        await expect(service.captureHold({ hold_id: auth.hold.id, amount: 5, idempotency_key: "c3" })).rejects.toMatchObject({
          type: "conflict",
          message: `IAP hold ${auth.hold.id} is already captured: it cannot be captured`,
        })
        await expect(service.cancelHold({ hold_id: auth.hold.id, idempotency_key: "x1" })).rejects.toMatchObject({ type: "conflict" })
        expect(await ledgerRows(db, acc.id)).toEqual([
          { type: "grant", amount: 20, balance_after: 20 },
          { type: "capture", amount: -6, balance_after: 14 },
        ])
        expectInvariants(await invariants(db, acc.id))
      })

      it("cancel releases everything; capture after cancel → 409; cancel again returns the same", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 5, idempotency_key: "g" })
        const auth = await service.authorizeCredits({ account_id: acc.id, amount: 5, idempotency_key: "a1" })
        const c = await service.cancelHold({ hold_id: auth.hold.id, idempotency_key: "k1" })
        expect(c.hold.status).toBe("canceled")
        expect(c.account).toMatchObject({ balance: 5, reserved: 0, available: 5 })
        expect((await service.cancelHold({ hold_id: auth.hold.id, idempotency_key: "k2" })).hold.status).toBe("canceled")
        await expect(service.captureHold({ hold_id: auth.hold.id, idempotency_key: "c" })).rejects.toMatchObject({
          type: "conflict",
          message: `IAP hold ${auth.hold.id} is already canceled: it cannot be captured`,
        })
        await expect(service.captureHold({ hold_id: "iaphold_missing", idempotency_key: "c" })).rejects.toMatchObject({
          type: "not_found",
        })
      })

      it("expires exactly at its TTL (t−1 pending, t expired) and the job expires it once", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 5, idempotency_key: "g" })
        const a1 = await service.authorizeCredits({ account_id: acc.id, amount: 2, idempotency_key: "a1", ttl_seconds: 60 })
        const a2 = await service.authorizeCredits({ account_id: acc.id, amount: 2, idempotency_key: "a2", ttl_seconds: 60 })
        expect(a1.hold.expires_at).toBe(new Date(T0.getTime() + 60_000).toISOString())

        clock.set(new Date(T0.getTime() + 59_999))
        expect(await service.expireDueHolds()).toEqual([])
        const cap = await service.captureHold({ hold_id: a1.hold.id, idempotency_key: "c1" })
        expect(cap.hold.captured_amount).toBe(2)

        clock.set(new Date(T0.getTime() + 60_000))
        await expect(service.captureHold({ hold_id: a2.hold.id, idempotency_key: "c2" })).rejects.toMatchObject({
          type: "conflict",
          message: `IAP hold ${a2.hold.id} is already expired: it cannot be captured`,
        })
        expect((await service.expireDueHolds()).map((r) => r.hold.id)).toEqual([a2.hold.id])
        clock.set(new Date(T0.getTime() + 60_001))
        expect(await service.expireDueHolds()).toEqual([])
        const account = await service.retrieveAccount(acc.id)
        expect(account).toMatchObject({ balance: 3, reserved: 0, available: 3 })
        expectInvariants(await invariants(db, acc.id))
      })

      it("keeps held credits from expiring; the released rest expires with its own row", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 10, idempotency_key: "g", expires_after_days: 1 })
        const auth = await service.authorizeCredits({ account_id: acc.id, amount: 6, idempotency_key: "a", ttl_seconds: 3 * 86400 })
        clock.set(new Date(T0.getTime() + DAY))
        expect((await service.expireDueLots()).flatMap((r) => r.expired_lot_ids)).toHaveLength(1)
        expect(await service.expireDueLots()).toEqual([])
        expect(await service.retrieveAccount(acc.id)).toMatchObject({ balance: 6, reserved: 6, available: 0 })
        const cap = await service.captureHold({ hold_id: auth.hold.id, amount: 4, idempotency_key: "c" })
        expect(cap.account).toMatchObject({ balance: 0, reserved: 0, available: 0 })
        expect(await ledgerRows(db, acc.id)).toEqual([
          { type: "grant", amount: 10, balance_after: 10 },
          { type: "expiry", amount: -4, balance_after: 6 },
          { type: "capture", amount: -4, balance_after: 2 },
          { type: "expiry", amount: -2, balance_after: 0 },
        ])
        expectInvariants(await invariants(db, acc.id))
      })
    })

    describe("idempotency (docs/rules.md §6)", () => {
      it("replays the first result for the same request and refuses the key for another", async () => {
        const acc = await newAccount()
        const g1 = await service.grantCredits({ account_id: acc.id, amount: 10, idempotency_key: "k-grant" })
        const g2 = await service.grantCredits({ account_id: acc.id, amount: 10, idempotency_key: "k-grant" })
        expect(g1.replayed).toBe(false)
        expect(g2.replayed).toBe(true)
        expect(g2.lot.id).toBe(g1.lot.id)
        expect(g2.transaction).toEqual(g1.transaction)

        const d1 = await service.debitCredits({ account_id: acc.id, amount: 2, idempotency_key: "k-debit" })
        const d2 = await service.debitCredits({ account_id: acc.id, amount: 2, idempotency_key: "k-debit" })
        expect(d2).toEqual({ ...d1, replayed: true })

        for (const attempt of [
          () => service.debitCredits({ account_id: acc.id, amount: 3, idempotency_key: "k-debit" }),
          () => service.grantCredits({ account_id: acc.id, amount: 2, idempotency_key: "k-debit" }),
          () => service.authorizeCredits({ account_id: acc.id, amount: 2, idempotency_key: "k-grant" }),
        ]) {
          await expect(attempt()).rejects.toMatchObject({
            type: "conflict",
            code: "idempotency_key_reused",
          })
        }
        expect(await ledgerRows(db, acc.id)).toEqual([
          { type: "grant", amount: 10, balance_after: 10 },
          { type: "debit", amount: -2, balance_after: 8 },
        ])
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM iap_operation WHERE account_id = $1`, [acc.id])
        expect(rows[0].n).toBe(2)
      })

      it("replays concurrent duplicates once", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 10, idempotency_key: "g" })
        const results = await Promise.all(
          Array.from({ length: 10 }, () => service.debitCredits({ account_id: acc.id, amount: 1, idempotency_key: "same" }))
        )
        expect(results.filter((r) => !r.replayed)).toHaveLength(1)
        expect(new Set(results.map((r) => r.transaction.id)).size).toBe(1)
        expect((await service.retrieveAccount(acc.id)).balance).toBe(9)
      })
    })

    describe("lot expiry (docs/rules.md §7)", () => {
      it("stops counting at once and the job writes one expiry row per lot, once", async () => {
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 7, idempotency_key: "g1", expires_after_days: 30 })
        await service.grantCredits({ account_id: acc.id, amount: 2, idempotency_key: "g2" })
        await service.debitCredits({ account_id: acc.id, amount: 3, idempotency_key: "d1" })

        clock.set(new Date(T0.getTime() + 30 * DAY - 1))
        expect((await service.retrieveAccount(acc.id)).available).toBe(6)
        clock.set(new Date(T0.getTime() + 30 * DAY))
        expect((await service.retrieveAccount(acc.id))).toMatchObject({ balance: 2, available: 2 })
        const expired = await service.expireDueLots()
        expect(expired.flatMap((r) => r.expired_lot_ids)).toHaveLength(1)
        expect(await service.expireDueLots()).toEqual([])
        expect(await ledgerRows(db, acc.id)).toEqual([
          { type: "grant", amount: 7, balance_after: 7 },
          { type: "grant", amount: 2, balance_after: 9 },
          { type: "debit", amount: -3, balance_after: 6 },
          { type: "expiry", amount: -4, balance_after: 2 },
        ])
        expectInvariants(await invariants(db, acc.id))
      })
    })

    describe("pending purchases, voids and adjustments", () => {
      it("pending lot counts only once released; void takes what remains and reports the shortfall", async () => {
        const acc = await newAccount()
        const p = await service.grantCredits({
          account_id: acc.id, amount: 100, idempotency_key: "purchase:li_1", status: "pending",
          source_type: "purchase", source_id: "li_1", unit_price: 9.99, currency_code: "eur",
        })
        expect(p.account).toMatchObject({ balance: 0, pending: 100, available: 0 })
        expect(p.lot).toMatchObject({ status: "pending", category: "paid", unit_price: 9.99 })
        const r = await service.releasePendingLot({ lot_id: p.lot.id, idempotency_key: "release:li_1" })
        expect(r.account).toMatchObject({ balance: 100, pending: 0 })
        expect(r.transaction).toMatchObject({ type: "purchase", amount: 100 })
        const r2 = await service.releasePendingLot({ lot_id: p.lot.id, idempotency_key: "release:li_1:again" })
        expect(r2.transaction).toBeNull()
        await service.debitCredits({ account_id: acc.id, amount: 30, idempotency_key: "d" })
        const v = await service.voidLot({ lot_id: p.lot.id, idempotency_key: "void:li_1", note: "order canceled" })
        expect(v).toMatchObject({ voided: 70, shortfall: 30 })
        expect(v.account.balance).toBe(0)
        await expect(service.voidLot({ lot_id: p.lot.id, idempotency_key: "void:li_1:b" })).rejects.toMatchObject({ type: "conflict" })
        expectInvariants(await invariants(db, acc.id))
      })

      it("adjusts both ways with a note and the actor recorded", async () => {
        const acc = await newAccount()
        const plus = await service.adjustCredits({ account_id: acc.id, amount: 8, note: "goodwill", actor_type: "user", actor_id: "user_1", idempotency_key: "a1" })
        expect(plus.transaction).toMatchObject({ type: "adjustment", amount: 8, description: "goodwill", actor_type: "user", actor_id: "user_1" })
        const minus = await service.adjustCredits({ account_id: acc.id, amount: "-2.5", note: "correction", idempotency_key: "a2" })
        expect(minus.account.balance).toBe(5.5)
        await expect(service.adjustCredits({ account_id: acc.id, amount: 1, note: " ", idempotency_key: "a3" })).rejects.toMatchObject({
          type: "invalid_data", message: "note is required for an adjustment",
        })
        expectInvariants(await invariants(db, acc.id))
      })
    })

    describe("bad input changes nothing (docs/rules.md §2)", () => {
      it("names the problem for each bad amount and leaves the ledger alone", async () => {
        await service.updateService(serviceId, { integer_credits: true })
        const acc = await newAccount()
        await service.grantCredits({ account_id: acc.id, amount: 10, idempotency_key: "g" })
        const cases: [unknown, string][] = [
          [0, "amount must be greater than 0"],
          [-1, "amount must be greater than 0"],
          [1.00001, "amount must have at most 4 decimal places"],
          ["1000000000000.0001", "amount must be at most 1000000000000"],
          [1.5, "amount must be a whole number for this service"],
          ["abc", "amount must be a number"],
          [null, "amount must be a number"],
        ]
        for (const [amount, message] of cases) {
          await expect(
            service.debitCredits({ account_id: acc.id, amount: amount as any, idempotency_key: `bad-${String(amount)}` })
          ).rejects.toMatchObject({ type: "invalid_data", message })
        }
        await expect(service.debitCredits({ account_id: "iapacc_nope", amount: 1, idempotency_key: "x" })).rejects.toMatchObject({
          type: "not_found", message: "IAP account with id: iapacc_nope was not found",
        })
        await expect(service.debitCredits({ account_id: acc.id, amount: 1, idempotency_key: "" })).rejects.toMatchObject({
          type: "invalid_data",
        })
        await service.updateAccount(acc.id, { state: "suspended" })
        await expect(service.debitCredits({ account_id: acc.id, amount: 1, idempotency_key: "s" })).rejects.toMatchObject({
          type: "not_allowed", message: `IAP account ${acc.id} is suspended: debit is not allowed`,
        })
        await service.updateAccount(acc.id, { state: "closed" })
        await expect(service.grantCredits({ account_id: acc.id, amount: 1, idempotency_key: "c" })).rejects.toMatchObject({
          type: "not_allowed", message: `IAP account ${acc.id} is closed: grant is not allowed`,
        })
        expect(await ledgerRows(db, acc.id)).toEqual([{ type: "grant", amount: 10, balance_after: 10 }])
      })
    })

    describe("append-only ledger", () => {
      it("refuses UPDATE and DELETE of ledger rows at the database", async () => {
        const acc = await newAccount()
        const g = await service.grantCredits({ account_id: acc.id, amount: 1, idempotency_key: "g" })
        await expect(db.query(`UPDATE iap_transaction SET amount = 5 WHERE id = $1`, [g.transaction!.id])).rejects.toThrow(
          "the IAP ledger is append-only: UPDATE on iap_transaction refused"
        )
        await expect(db.query(`DELETE FROM iap_transaction WHERE id = $1`, [g.transaction!.id])).rejects.toThrow(
          "append-only"
        )
        await expect(db.query(`UPDATE iap_credit_lot SET remaining = -1 WHERE account_id = $1`, [acc.id])).rejects.toThrow(
          "iap_credit_lot_remaining_check"
        )
      })
    })
  },
})
