import { knex as makeKnex, type Knex } from "@medusajs/framework/mikro-orm/knex"
import { Client } from "pg"
import { debitCredits, debitInOneStatement } from "../ledger/credits"
import { authorizeCredits, authorizeInOneStatement, captureHold, captureInOneStatement } from "../ledger/holds"
import { callGrouped, oneStatement } from "../ledger/group-commit"
import { RateCards } from "../queries/rate-cards"
import { authenticateProvider } from "../queries/services"
import { autoRechargeState } from "../queries/recharge"
import { parseUsage } from "../utils/pricing"
import { clock } from "../utils/clock"
import { hashSecret } from "../utils/secrets"
import type { IapProviderAddress } from "../../../types"
import { expectInvariants, iapModuleRunner, invariants, sql } from "./helpers"

jest.setTimeout(120_000)

const DAY = 24 * 3600 * 1000
const T0 = new Date("2030-01-01T00:00:00.000Z")

/**
 * The one-statement debit (`iap_debit`, the path `debitCredits` of the service takes first)
 * against the general path (ledger/credits.ts `debitCredits` in a knex transaction): the same
 * debits on two accounts set up alike must write the same rows and answer the same, and every
 * case the function leaves to the general path must come back null having written nothing.
 */
iapModuleRunner({
  testSuite: ({ service, dbConfig }) => {
    let db: Client
    let knex: Knex
    let serviceId: string
    let n = 0

    beforeAll(() => {
      knex = makeKnex({ client: "pg", connection: dbConfig.clientUrl, pool: { min: 0, max: 4 } })
    })

    afterAll(async () => {
      await knex.destroy()
    })

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

    /** An account with overdraft 5, warning threshold 8 and three lots: promo 3 (10 days), paid 10, promo 4. */
    const setUp = async () => {
      const { account } = await service.createAccount({ service_id: serviceId, customer_id: `cus_${++n}` })
      await service.updateAccount(account.id, { overdraft_limit: 5, warning_threshold: 8 })
      const lots: string[] = []
      for (const [key, amount, extra] of [
        ["g1", 3, { category: "promotional", expires_after_days: 10 }],
        ["g2", 10, { category: "paid" }],
        ["g3", 4, { category: "promotional" }],
      ] as const) {
        lots.push((await service.grantCredits({ account_id: account.id, amount, idempotency_key: key, ...extra })).lot.id)
      }
      return { id: account.id, lots }
    }

    const general = (input: Parameters<typeof debitCredits>[1]) => knex.transaction((trx) => debitCredits(trx, input))

    /** What a debit left behind, with the account's ids replaced by stable names. */
    const snapshot = async (acc: { id: string; lots: string[] }) => {
      const name = (id: string) => (id === acc.id ? "account" : acc.lots.includes(id) ? `lot${acc.lots.indexOf(id)}` : id)
      const tx = await db.query(
        `SELECT id, type, amount::text, balance_after::text, hold_id, reference_type, reference_id, idempotency_key,
           request_hash, description, actor_type, actor_id, created_at, raw_amount, raw_balance_after, usage, rate_id, rate_version
         FROM iap_transaction WHERE account_id = $1 ORDER BY seq`,
        [acc.id]
      )
      const movements = await db.query(
        `SELECT m.transaction_id, m.lot_id, m.amount::text, m.raw_amount FROM iap_transaction_lot m
         JOIN iap_transaction t ON t.id = m.transaction_id WHERE t.account_id = $1 ORDER BY t.seq, m.amount, m.lot_id`,
        [acc.id]
      )
      const txIndex = new Map(tx.rows.map((r, i) => [r.id, i]))
      const lots = await db.query(
        `SELECT id, remaining::text, raw_remaining, reserved::text, status FROM iap_credit_lot WHERE account_id = $1`,
        [acc.id]
      )
      const account = await db.query(
        `SELECT balance::text, raw_balance, debt::text, raw_debt, reserved::text, pending::text, warning_armed
         FROM iap_account WHERE id = $1`,
        [acc.id]
      )
      const usage = await db.query(
        `SELECT metric, month, quantity::text, raw_quantity FROM iap_usage_month WHERE account_id = $1 ORDER BY metric, month`,
        [acc.id]
      )
      const holds = await db.query(
        `SELECT id, amount::text, raw_amount, captured_amount::text, raw_captured_amount, status, expires_at, resolved_at, description,
           idempotency_key, reference_type, reference_id, usage, rate_id, rate_version, created_at
         FROM iap_hold WHERE account_id = $1 ORDER BY created_at, idempotency_key`,
        [acc.id]
      )
      const holdIndex = new Map(holds.rows.map((h, i) => [h.id, i]))
      const allocations = await db.query(
        `SELECT al.hold_id, al.lot_id, al.amount::text, al.raw_amount FROM iap_hold_allocation al
         JOIN iap_hold h ON h.id = al.hold_id WHERE h.account_id = $1`,
        [acc.id]
      )
      const ops = await db.query(
        `SELECT idempotency_key, operation, request_hash, result FROM iap_operation WHERE account_id = $1 ORDER BY idempotency_key`,
        [acc.id]
      )
      // request_hash covers account_id, so it differs between two accounts; checked on its own.
      return {
        transactions: tx.rows.map(({ id, request_hash, hold_id, ...r }) => ({ ...normalize(r, acc), hold: hold_id ? holdIndex.get(hold_id) : null })),
        holds: holds.rows.map(({ id, ...h }) => normalize(h, acc)),
        allocations: allocations.rows
          .map((a) => ({ ...a, hold_id: holdIndex.get(a.hold_id), lot_id: name(a.lot_id) }))
          .sort((x, y) => x.hold_id! - y.hold_id! || x.lot_id.localeCompare(y.lot_id)),
        movements: movements.rows.map((m) => ({ ...m, transaction_id: txIndex.get(m.transaction_id), lot_id: name(m.lot_id) })),
        lots: lots.rows.map((l) => ({ ...l, id: name(l.id) })).sort((a, b) => a.id.localeCompare(b.id)),
        account: account.rows[0],
        usage: usage.rows,
        operations: ops.rows.map(({ request_hash, ...o }) => normalize(o, acc)),
        hashes_match: tx.rows.every((t) => t.request_hash === null || ops.rows.some((o) => o.request_hash === t.request_hash)),
      }
    }

    /** A result or row with the account's own ids (account, lots, holder, ledger rows) named alike. */
    const normalize = (value: any, acc: { id: string; lots: string[] }) => {
      let text = JSON.stringify(value).split(acc.id).join("account")
      acc.lots.forEach((lot, i) => (text = text.split(lot).join(`lot${i}`)))
      return JSON.parse(text.replace(/"cus_\d+"/g, '"customer"').replace(/"iaptx_[0-9A-Z]+"/g, '"tx"').replace(/"iaphold_[0-9A-Z]+"/g, '"hold"'))
    }

    it("says whether the account has auto-recharge settings on, as the general path does; a replay reads it afresh", async () => {
      const fast = await setUp()
      const slow = await setUp()
      const debit = async (key: string) => {
        const a = (await debitInOneStatement(knex, { account_id: fast.id, amount: 1, idempotency_key: key }))!
        const b = await general({ account_id: slow.id, amount: 1, idempotency_key: key })
        expect(normalize(a, fast)).toEqual(normalize(b, slow))
        return a.auto_recharge
      }
      const settings = (enabled: boolean) => ({
        enabled, pack_id: "iappack_1", variant_id: "variant_1", quantity: 1, trigger: 5, region_id: "reg_1", currency_code: "eur",
        provider_id: "pp_test", account_holder_id: "acchld_1", payment_method_id: "pm_1",
      })
      const both = (enabled: boolean) => Promise.all([fast, slow].map((acc) => service.upsertAutoRecharge(acc.id, settings(enabled))))
      expect(await debit("none")).toBe(false)
      await both(false)
      expect(await debit("off")).toBe(false)
      await both(true)
      expect(await debit("on")).toBe(true)
      expect(await debit("none")).toBe(true)
      await Promise.all([fast, slow].map((acc) => service.deleteAutoRecharge(acc.id)))
      expect(await debit("deleted")).toBe(false)
      expect(await debit("on")).toBe(false)
      // Not stored with the operation: a replay after settings changed cannot answer a stale flag.
      expect((await snapshot(fast)).operations.every((o: any) => !("auto_recharge" in o.result))).toBe(true)
      expect(await snapshot(fast)).toEqual(await snapshot(slow))
    })

    it("writes the same rows and answers the same as the general path, threshold and debt included", async () => {
      const fast = await setUp()
      const slow = await setUp()
      // 2 from promo (10 days); 1.5 across two lots; 6 across two more; 9 into debt (available 3.5 after).
      const debits = [
        { amount: 2, reference_type: "sms", reference_id: "m1" },
        { amount: 1.5, description: "two lots" },
        { amount: 6, actor_type: "user", actor_id: "user_1" },
        { amount: 9 },
      ]
      for (const [i, d] of debits.entries()) {
        clock.advance(1000)
        const input = { ...d, idempotency_key: `d${i}` }
        const a = await debitInOneStatement(knex, { ...input, account_id: fast.id })
        const b = await general({ ...input, account_id: slow.id })
        expect(a).not.toBeNull()
        expect(normalize(a, fast)).toEqual(normalize(b, slow))
        expect(a!.replayed).toBe(false)
      }
      const last = (await debitInOneStatement(knex, { account_id: fast.id, amount: 9, idempotency_key: "d3" }))!
      expect(last).toMatchObject({ replayed: true, account: { balance: -1.5, debt: 1.5, available: 3.5 } })

      const [a, b] = [await snapshot(fast), await snapshot(slow)]
      expect(a).toEqual(b)
      expect(a.transactions.map((t) => [t.type, t.amount, t.balance_after])).toEqual([
        ["grant", "3", "3"], ["grant", "10", "13"], ["grant", "4", "17"],
        ["debit", "-2", "15"], ["debit", "-1.5", "13.5"], ["debit", "-6", "7.5"], ["debit", "-9", "-1.5"],
      ])
      expect(a.lots.map((l) => [l.id, l.remaining, l.raw_remaining])).toEqual([
        ["lot0", "0", { value: "0", precision: 20 }],
        ["lot1", "0", { value: "0", precision: 20 }],
        ["lot2", "0", { value: "0", precision: 20 }],
      ])
      expect(a.account).toMatchObject({ balance: "-1.5", debt: "1.5", warning_armed: false, raw_balance: { value: "-1.5", precision: 20 } })
      expect(a.hashes_match).toBe(true)
      // available = balance + overdraft 5: 20, 18.5, 12.5, then 3.5 crosses the threshold (8) once
      expect(a.operations.filter((o) => o.operation === "debit").map((o) => o.result.threshold_reached)).toEqual([false, false, false, true])
      expectInvariants(await invariants(db, fast.id))
    })

    it("charges a usage priced from the cached card exactly as the general path prices it under the lock", async () => {
      const { rates: [flat] } = await service.createRateVersion(serviceId, {
        rates: [
          { metric: "sms_part", dimensions: { country: "*" }, unit_credits: "0.3333" },
          { metric: "sms_part", dimensions: { country: "DE" }, unit_credits: "0.5" },
        ],
      }) as any
      expect(flat).toBeDefined()
      const fast = await setUp()
      const slow = await setUp()
      const cards = new RateCards()
      const usages = [
        { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } },
        { metric: "sms_part", quantity: 2.5, dimensions: { country: "FR" } }, // 0.83325 → 0.8333
        { metric: "sms_part", quantity: 1, dimensions: { country: "FR" } },
      ]
      for (const [i, usage] of usages.entries()) {
        clock.advance(1000)
        const at = clock.now()
        const input = { usage, idempotency_key: `u${i}`, reference_type: "sms", reference_id: `m${i}` }
        const price = (await cards.priceForOneStatement(knex, fast.id, parseUsage(usage), at))!
        const a = await debitInOneStatement(knex, { ...input, account_id: fast.id }, { at, price })
        const b = await knex.transaction((trx) => debitCredits(trx, { ...input, account_id: slow.id }, cards))
        expect(a).not.toBeNull()
        expect(normalize(a, fast)).toEqual(normalize(b, slow))
      }
      const [a, b] = [await snapshot(fast), await snapshot(slow)]
      expect(a).toEqual(b)
      expect(a.transactions.slice(3).map((t) => [t.amount, t.usage, t.rate_version])).toEqual([
        ["-1.5", usages[0], 1],
        ["-0.8333", usages[1], 1],
        ["-0.3333", usages[2], 1],
      ])
      expect(a.usage).toEqual([{ metric: "sms_part", month: "2030-01", quantity: "6.5", raw_quantity: { value: "6.5", precision: 20 } }])
      expect(a.hashes_match).toBe(true)

      // a month later (the promotional lot expired by the sweep): a counter of its own, written as the general path writes it
      clock.advance(31 * DAY)
      await service.expireDueLots()
      const next = clock.now()
      const input = { usage: usages[0], idempotency_key: "next-month" }
      const price = (await cards.priceForOneStatement(knex, fast.id, parseUsage(usages[0]), next))!
      const c = await debitInOneStatement(knex, { ...input, account_id: fast.id }, { at: next, price })
      const d = await knex.transaction((trx) => debitCredits(trx, { ...input, account_id: slow.id }, cards))
      expect(normalize(c, fast)).toEqual(normalize(d, slow))
      const [later, laterSlow] = [await snapshot(fast), await snapshot(slow)]
      expect(later).toEqual(laterSlow)
      expect(later.usage.map((u: any) => [u.month, u.quantity])).toEqual([["2030-01", "6.5"], ["2030-02", "3"]])

      // a rate card change since the price was computed: null, nothing written
      const at = clock.now()
      const stale = (await cards.priceForOneStatement(knex, fast.id, parseUsage(usages[0]), at))!
      await service.createRateVersion(serviceId, { valid_from: new Date(at.getTime() + DAY), rates: [] })
      expect(await debitInOneStatement(knex, { usage: usages[0], idempotency_key: "stale", account_id: fast.id }, { at, price: stale })).toBeNull()
      expect(await snapshot(fast)).toEqual(later)
      expectInvariants(await invariants(db, fast.id))
    })

    it("prices a graduated rate inside the statement by the month's quantity, as the general path does under the lock", async () => {
      await service.createRateVersion(serviceId, {
        rates: [{ metric: "token", dimensions: {}, tiers: [{ up_to: 10, unit_credits: "0.5" }, { up_to: null, unit_credits: "0.25" }] }],
      })
      const fast = await setUp()
      const slow = await setUp()
      const cards = new RateCards()
      // 6 at 0.5; 4 at 0.5 + 3 at 0.25 (crosses the boundary); 0.3333 at 0.25 = 0.083325 → 0.0834 (rounded up)
      const usages = [{ metric: "token", quantity: 6 }, { metric: "token", quantity: 7 }, { metric: "token", quantity: 0.3333 }]
      for (const [i, usage] of usages.entries()) {
        clock.advance(1000)
        const at = clock.now()
        const input = { usage, idempotency_key: `t${i}` }
        const price = (await cards.priceForOneStatement(knex, fast.id, parseUsage(usage), at))!
        expect(price.rate.tiers).not.toBeNull()
        const a = await debitInOneStatement(knex, { ...input, account_id: fast.id }, { at, price })
        const b = await knex.transaction((trx) => debitCredits(trx, { ...input, account_id: slow.id }, cards))
        expect(a).not.toBeNull()
        expect(normalize(a, fast)).toEqual(normalize(b, slow))
      }
      const [a, b] = [await snapshot(fast), await snapshot(slow)]
      expect(a).toEqual(b)
      expect(a.transactions.slice(3).map((t) => t.amount)).toEqual(["-3", "-2.75", "-0.0834"])
      expect(a.usage).toEqual([{ metric: "token", month: "2030-01", quantity: "13.3333", raw_quantity: { value: "13.3333", precision: 20 } }])
      expectInvariants(await invariants(db, fast.id))

      // whole credits: rounded up to a whole credit, as the general path does
      await service.updateService(serviceId, { integer_credits: true })
      const card = new RateCards()
      clock.advance(1000)
      const at = clock.now()
      const usage = { metric: "token", quantity: 1 }
      const price = (await card.priceForOneStatement(knex, fast.id, parseUsage(usage), at))!
      const c = await debitInOneStatement(knex, { usage, idempotency_key: "whole", account_id: fast.id }, { at, price })
      const d = await knex.transaction((trx) => debitCredits(trx, { usage, idempotency_key: "whole", account_id: slow.id }, card))
      expect(normalize(c, fast)).toEqual(normalize(d, slow))
      expect(c!.transaction.amount).toBe(-1)
    })

    it("answers null and writes nothing for every case it leaves to the general path", async () => {
      const acc = await setUp()
      const before = await snapshot(acc)
      const tryFast = (input: object) => debitInOneStatement(knex, { account_id: acc.id, idempotency_key: "x", amount: 1, ...input })

      expect(await tryFast({ amount: 23 })).toBeNull() // 17 + overdraft 5 < 23: the 402 is built by the general path
      expect(await tryFast({ account_id: "iapacc_missing" })).toBeNull()
      await service.updateAccount(acc.id, { state: "suspended" })
      expect(await tryFast({})).toBeNull()
      await service.updateAccount(acc.id, { state: "active" })
      expect(await snapshot(acc)).toEqual(before)

      // four lots to draw from (three movement ids are given)
      await service.grantCredits({ account_id: acc.id, amount: 1, idempotency_key: "g4", category: "promotional", expires_after_days: 1 })
      expect(await tryFast({ amount: 16 })).toBeNull()
      // a key already used for another request: the general path answers 409
      await service.debitCredits({ account_id: acc.id, amount: 1, idempotency_key: "used" })
      const afterUse = await snapshot(acc)
      expect(await tryFast({ idempotency_key: "used", amount: 2 })).toBeNull()
      // a lot past its expiry (lot0, 10 days) must be expired, with its row, first
      clock.set(new Date(T0.getTime() + 11 * DAY))
      expect(await tryFast({})).toBeNull()
      expect(await snapshot(acc)).toEqual(afterUse)

      const general = await service.debitCredits({ account_id: acc.id, amount: 1, idempotency_key: "after-expiry" })
      expect(general.expired_lot_ids).toHaveLength(1)
      expectInvariants(await invariants(db, acc.id))
    })

    /** Records the names of the prepared statements the test's knex sends until `stop()`. */
    const recordStatements = () => {
      const sent: string[] = []
      const client = (knex as any).client
      const acquire = client.acquireConnection
      client.acquireConnection = async () => {
        const connection = await acquire.call(client)
        if (!connection.__recorded) {
          const query = connection.query.bind(connection)
          connection.query = (config: any, ...rest: any[]) => (connection.__sent?.push(config?.name ?? "unnamed"), query(config, ...rest))
          connection.__recorded = true
        }
        connection.__sent = sent
        return connection
      }
      return { sent, stop: () => void (client.acquireConnection = acquire) }
    }

    describe("group commit: calls of one account arriving together go as one statement", () => {
      /** How many transactions wrote the account's rows of a type (rows of one statement share its xmin). */
      const commits = async (accountId: string, table: "iap_transaction" | "iap_hold", type?: string) =>
        (await db.query(`SELECT count(DISTINCT xmin::text)::int AS n FROM ${table} WHERE account_id = $1 ${type ? "AND type = $2" : ""}`,
          type ? [accountId, type] : [accountId])).rows[0].n

      it("writes and answers what the same debits sent one by one do: replays, reused keys and refusals included", async () => {
        const fast = await setUp()
        const slow = await setUp()
        const calls = [
          { idempotency_key: "d0", amount: 2 },
          { idempotency_key: "d1", amount: 1.5, description: "two lots" },
          { idempotency_key: "d2", amount: 6, actor_type: "user", actor_id: "user_1" },
          { idempotency_key: "d1", amount: 1.5, description: "two lots" }, // the same request again: replayed
          { idempotency_key: "d1", amount: 3 }, // its key, another request: left to the general path (409)
          { idempotency_key: "d3", amount: 100 }, // more than available: left to the general path (402)
          { idempotency_key: "d4", amount: 1, reference_type: "sms", reference_id: "m1" },
        ]
        // The first goes at once; the six arriving while it runs go together when it returns.
        const together = await Promise.all(calls.map((c) => debitInOneStatement(knex, { ...c, account_id: fast.id })))
        const oneByOne: Awaited<ReturnType<typeof debitInOneStatement>>[] = []
        for (const c of calls) oneByOne.push(await debitInOneStatement(knex, { ...c, account_id: slow.id }))

        expect(together.map((r) => (r ? [r.replayed, r.transaction.balance_after] : null))).toEqual([
          [false, 15], [false, 13.5], [false, 7.5], [true, 13.5], null, null, [false, 6.5],
        ])
        expect(together.map((r) => normalize(r, fast))).toEqual(oneByOne.map((r) => normalize(r, slow)))
        expect(await snapshot(fast)).toEqual(await snapshot(slow))
        expect(await commits(fast.id, "iap_transaction", "debit")).toBe(2)
        expect(await commits(slow.id, "iap_transaction", "debit")).toBe(4)
        expectInvariants(await invariants(db, fast.id))
      })

      it("groups authorizations and captures the same way", async () => {
        const TTL = 900
        const fast = await setUp()
        const slow = await setUp()
        const auths = [{ amount: 2 }, { amount: 5.5, description: "b" }, { amount: 6 }, { amount: 30 }].map((a, i) => ({ ...a, idempotency_key: `a${i}` }))
        const held = await Promise.all(auths.map((a) => authorizeInOneStatement(knex, { ...a, account_id: fast.id }, TTL)))
        const heldOneByOne: Awaited<ReturnType<typeof authorizeInOneStatement>>[] = []
        for (const a of auths) heldOneByOne.push(await authorizeInOneStatement(knex, { ...a, account_id: slow.id }, TTL))
        expect(held.map((r) => r && r.account.reserved)).toEqual([2, 7.5, 13.5, null])
        expect(held.map((r) => normalize(r, fast))).toEqual(heldOneByOne.map((r) => normalize(r, slow)))

        const caps = [{ amount: 2 }, { amount: 3 }, {}].map((c, i) => ({ ...c, idempotency_key: `c${i}` }))
        const captured = await Promise.all(caps.map((c, i) => captureInOneStatement(knex, { ...c, hold_id: held[i]!.hold.id, account_id: fast.id })))
        const capturedOneByOne: Awaited<ReturnType<typeof captureInOneStatement>>[] = []
        for (const [i, c] of caps.entries()) capturedOneByOne.push(await captureInOneStatement(knex, { ...c, hold_id: heldOneByOne[i]!.hold.id, account_id: slow.id }))
        expect(captured.map((r) => r && [r.hold.status, r.transaction!.amount, r.account.balance])).toEqual([
          ["captured", -2, 15], ["captured", -3, 12], ["captured", -6, 6],
        ])
        expect(captured.map((r) => normalize(r, fast))).toEqual(capturedOneByOne.map((r) => normalize(r, slow)))
        expect(await snapshot(fast)).toEqual(await snapshot(slow))
        expect(await commits(fast.id, "iap_hold")).toBe(2)
        expect(await commits(fast.id, "iap_transaction", "capture")).toBe(2)
        expect(await commits(slow.id, "iap_transaction", "capture")).toBe(3)
        expectInvariants(await invariants(db, fast.id))
      })

      it("sends each call again on its own when the grouped statement fails, so one call's error stays its own", async () => {
        // sqrt of a negative number is an error in Postgres: it fails the group, then only its own call.
        const SQRT = oneStatement("iap_test_sqrt", "sqrt", ["numeric"])
        const results = await Promise.allSettled(["4", "9", "-1", "16"].map((v) => callGrouped(knex, SQRT, "k", [v])))
        expect(results.map((r) => (r.status === "fulfilled" ? String(r.value.result) : "error"))).toEqual(["2.000000000000000", "3.000000000000000", "error", "4.000000000000000"])
        expect((results[2] as PromiseRejectedResult).reason.message).toBe("cannot take square root of a negative number")
      })

      it("groups provider key lookups arriving together; each answers what it would alone", async () => {
        const acc = await setUp()
        const { service: third, key } = await service.createService({ technical_name: "leads", name: "Leads", provider_type: "third_party" })
        const { token } = await service.createAccount({ service_id: third.id, customer_id: "cus_leads" })
        const { token: smsToken } = await service.rotateAccountToken(acc.id)
        const asks: [string, string | null][] = [[key!, token], [key!, smsToken], ["wrong", token], [key!, null], [key!, "no-such-token"], [key!, token]]
        const { sent, stop } = recordStatements()
        const alone: Awaited<ReturnType<typeof authenticateProvider>>[] = []
        for (const [k, t] of asks) alone.push(await authenticateProvider(knex, k, t))
        expect(sent).toEqual(Array(6).fill("iap_authenticate_provider"))
        sent.length = 0
        const together = await Promise.all(asks.map(([k, t]) => authenticateProvider(knex, k, t)))
        stop()
        expect(sent).toEqual(["iap_authenticate_provider", "iap_authenticate_provider_grouped"])
        expect(together).toEqual(alone)
        expect(together.map((r) => [r.service?.technical_name ?? null, r.account?.service ?? null])).toEqual([
          ["leads", "leads"], ["leads", "sms"], [null, null], ["leads", null], ["leads", null], ["leads", "leads"],
        ])
      })

      it("groups the auto-recharge trigger's reads arriving together; each answers what it would alone", async () => {
        const accounts = [await setUp(), await setUp(), await setUp()]
        await service.upsertAutoRecharge(accounts[0].id, {
          enabled: true, pack_id: "iappack_1", variant_id: "variant_1", quantity: 1, trigger: 5, region_id: "reg_1", currency_code: "eur",
          provider_id: "pp_test", account_holder_id: "acchld_1", payment_method_id: "pm_1",
        })
        const ids = [accounts[0].id, accounts[1].id, accounts[0].id, "iapacc_missing"]
        const alone: Awaited<ReturnType<typeof autoRechargeState>>[] = []
        for (const id of ids) alone.push(await autoRechargeState(knex, id))
        const { sent, stop } = recordStatements()
        const together = await Promise.all(ids.map((id) => autoRechargeState(knex, id)))
        stop()
        expect(sent).toEqual(["iap_auto_recharge_state", "iap_auto_recharge_state_grouped"])
        expect(together).toEqual(alone)
        expect(together.map((x) => x && [x.settings.trigger, String(x.available), x.account_state])).toEqual([[5, "220000", "active"], null, [5, "220000", "active"], null])
      })
    })

    describe("addressed by a provider's key and token (iap_provider_account)", () => {
      it("debits, authorizes and captures only an account the key, service, token and channel may address; otherwise null, nothing written", async () => {
        const { service: leads, key } = await service.createService({ technical_name: "leads", name: "Leads", provider_type: "third_party" })
        const { account, token } = await service.createAccount({ service_id: leads.id, customer_id: "cus_leads" })
        await service.grantCredits({ account_id: account.id, amount: 10, idempotency_key: "g" })
        const { token: smsToken } = await service.rotateAccountToken((await setUp()).id)
        const right: IapProviderAddress = { token_hash: hashSecret(token), service_id: leads.id, key_hash: hashSecret(key!), sales_channel_id: null }
        const debit = (address: IapProviderAddress, idempotency_key: string) =>
          debitInOneStatement(knex, { account_id: account.id, amount: 1, idempotency_key }, null, address)
        const written = async () => (await db.query(`SELECT idempotency_key FROM iap_transaction WHERE account_id = $1 ORDER BY seq`, [account.id])).rows.map((r) => r.idempotency_key)

        const { sent, stop } = recordStatements()
        const first = await debit(right, "d1")
        expect([first?.replayed, first?.account.balance, sent]).toEqual([false, 9, ["iap_debit_v5_addressed"]])
        // The same key by the account's id replays it: one request hash whichever way it came.
        const replay = await debitInOneStatement(knex, { account_id: account.id, amount: 1, idempotency_key: "d1" })
        expect([replay?.replayed, replay?.transaction.id]).toEqual([true, first?.transaction.id])

        const refused = [
          { ...right, key_hash: hashSecret("iapk_wrong") },
          { ...right, service_id: serviceId },
          { ...right, token_hash: hashSecret(smsToken) },
        ]
        for (const address of refused) expect(await debit(address, "d2")).toBeNull()
        sent.length = 0
        const together = await Promise.all([debit(right, "d2"), debit(refused[0], "d3"), debit(right, "d4")])
        stop()
        expect(together.map((r) => r && r.account.balance)).toEqual([8, null, 7])
        expect(sent).toEqual(["iap_debit_v5_addressed", "iap_debit_v5_addressed_grouped"])

        const authorize = (address: IapProviderAddress) => authorizeInOneStatement(knex, { account_id: account.id, amount: 3, idempotency_key: "h" }, 900, address)
        expect(await authorize(refused[1])).toBeNull()
        const hold = (await authorize(right))!.hold
        const capture = (address: IapProviderAddress) => captureInOneStatement(knex, { account_id: account.id, hold_id: hold.id, amount: 2, idempotency_key: "c" }, address)
        expect(await capture(refused[2])).toBeNull()
        expect((await capture(right))?.hold.status).toBe("captured")

        await service.updateAccount(account.id, { sales_channel_ids: ["sc_b2b"] })
        expect(await debit(right, "d5")).toBeNull()
        expect(await debit({ ...right, sales_channel_id: "sc_web" }, "d5")).toBeNull()
        expect((await debit({ ...right, sales_channel_id: "sc_b2b" }, "d5"))?.account.balance).toBe(4)
        await service.updateAccount(account.id, { state: "closed" })
        expect(await debit({ ...right, sales_channel_id: "sc_b2b" }, "d6")).toBeNull()
        expect(await written()).toEqual(["g", "d1", "d2", "d4", "c", "d5"])
        expectInvariants(await invariants(db, account.id))
      })
    })

    describe("authorize and capture (iap_authorize, iap_capture)", () => {
      const TTL = 900
      const generalAuthorize = (input: Parameters<typeof authorizeCredits>[1]) => knex.transaction((trx) => authorizeCredits(trx, input, TTL))
      const generalCapture = (input: Parameters<typeof captureHold>[1]) => knex.transaction((trx) => captureHold(trx, input))

      it("say whether the account has auto-recharge settings on, as the general path does; a replay reads it afresh", async () => {
        const fast = await setUp()
        const slow = await setUp()
        const settings = (enabled: boolean) => ({
          enabled, pack_id: "iappack_1", variant_id: "variant_1", quantity: 1, trigger: 5, region_id: "reg_1", currency_code: "eur",
          provider_id: "pp_test", account_holder_id: "acchld_1", payment_method_id: "pm_1",
        })
        /** Authorizes 1 and captures it on both accounts, one statement vs general path: the two flags. */
        const holdAndCapture = async (key: string) => {
          const a = (await authorizeInOneStatement(knex, { account_id: fast.id, amount: 1, idempotency_key: `a-${key}` }, TTL))!
          const b = await generalAuthorize({ account_id: slow.id, amount: 1, idempotency_key: `a-${key}` })
          expect(normalize(a, fast)).toEqual(normalize(b, slow))
          const c = (await captureInOneStatement(knex, { account_id: fast.id, hold_id: a.hold.id, idempotency_key: `c-${key}` }))!
          const d = await generalCapture({ account_id: slow.id, hold_id: b.hold.id, idempotency_key: `c-${key}` })
          expect(normalize(c, fast)).toEqual(normalize(d, slow))
          return [a.auto_recharge, c.auto_recharge]
        }
        expect(await holdAndCapture("none")).toEqual([false, false])
        await Promise.all([fast, slow].map((acc) => service.upsertAutoRecharge(acc.id, settings(false))))
        expect(await holdAndCapture("off")).toEqual([false, false])
        await Promise.all([fast, slow].map((acc) => service.upsertAutoRecharge(acc.id, settings(true))))
        expect(await holdAndCapture("on")).toEqual([true, true])
        expect(await holdAndCapture("none")).toEqual([true, true]) // replays, read afresh
        await Promise.all([fast, slow].map((acc) => service.deleteAutoRecharge(acc.id)))
        expect(await holdAndCapture("on")).toEqual([false, false])
        expect((await snapshot(fast)).operations.every((o: any) => !("auto_recharge" in o.result))).toBe(true)
        expect(await snapshot(fast)).toEqual(await snapshot(slow))
      })

      it("writes the same rows and answers the same as the general path, threshold, partial and zero captures included", async () => {
        const fast = await setUp()
        const slow = await setUp()
        // available 22 (17 + overdraft 5): 2 from promo (10 days); 5.5 across two lots; 6; then 1.5 crosses the threshold (8).
        const authorizations = [
          { amount: 2, ttl_seconds: 600, reference_type: "job", reference_id: "j1", description: "first" },
          { amount: 5.5 },
          { amount: 6 },
          { amount: 1.5 },
        ]
        const holds: { fast: string[]; slow: string[] } = { fast: [], slow: [] }
        for (const [i, h] of authorizations.entries()) {
          clock.advance(1000)
          const input = { ...h, idempotency_key: `a${i}` }
          const a = await authorizeInOneStatement(knex, { ...input, account_id: fast.id }, TTL)
          const b = await generalAuthorize({ ...input, account_id: slow.id })
          expect(a).not.toBeNull()
          expect(normalize(a, fast)).toEqual(normalize(b, slow))
          expect(a!.replayed).toBe(false)
          holds.fast.push(a!.hold.id)
          holds.slow.push(b.hold.id)
        }
        expect(holds.fast.length).toBe(4)
        const replay = (await authorizeInOneStatement(knex, { ...authorizations[3], idempotency_key: "a3", account_id: fast.id }, TTL))!
        expect(replay).toMatchObject({ replayed: true, threshold_reached: true, account: { reserved: 15, available: 7 } })

        // whole hold (amount omitted), part of one (the rest released), zero (all released), the one crossing back over the threshold
        const captures = [
          { i: 0, input: { description: "done", actor_type: "iap_service", actor_id: "svc_1" } },
          { i: 1, input: { amount: 3 } },
          { i: 2, input: { amount: 0 } },
          { i: 3, input: { amount: 1.5 } },
        ]
        for (const [k, c] of captures.entries()) {
          clock.advance(1000)
          const input = { ...c.input, idempotency_key: `c${k}` }
          const a = await captureInOneStatement(knex, { ...input, hold_id: holds.fast[c.i], account_id: fast.id })
          const b = await generalCapture({ ...input, hold_id: holds.slow[c.i] })
          expect(a).not.toBeNull()
          expect(normalize(a, fast)).toEqual(normalize(b, slow))
        }
        const again = (await captureInOneStatement(knex, { amount: 3, idempotency_key: "c1", hold_id: holds.fast[1] }))!
        expect(again).toMatchObject({ replayed: true, hold: { status: "captured", captured_amount: 3 }, transaction: { amount: -3 } })

        const [a, b] = [await snapshot(fast), await snapshot(slow)]
        expect(a).toEqual(b)
        expect(a.holds.map((h) => [h.amount, h.captured_amount, h.status])).toEqual([
          ["2", "2", "captured"], ["5.5", "3", "captured"], ["6", "0", "captured"], ["1.5", "1.5", "captured"],
        ])
        expect(a.transactions.slice(3).map((t) => [t.type, t.amount, t.balance_after, t.hold])).toEqual([
          ["capture", "-2", "15", 0], ["capture", "-3", "12", 1], ["capture", "-1.5", "10.5", 3],
        ])
        // draw-down order: lot0 (expires), lot2 (promotional), lot1 (paid)
        expect(a.lots.map((l) => [l.id, l.remaining, l.reserved])).toEqual([["lot0", "0", "0"], ["lot1", "8.5", "0"], ["lot2", "2", "0"]])
        expect(a.account).toMatchObject({ balance: "10.5", reserved: "0", debt: "0", warning_armed: true })
        expect(a.allocations.map((x) => [x.hold_id, x.lot_id, x.amount])).toEqual([
          [0, "lot0", "2"], [1, "lot0", "1"], [1, "lot1", "0.5"], [1, "lot2", "4"], [2, "lot1", "6"], [3, "lot1", "1.5"],
        ])
        expect(a.hashes_match).toBe(true)
        expectInvariants(await invariants(db, fast.id))
      })

      it("answers null and writes nothing for every case it leaves to the general path", async () => {
        const acc = await setUp()
        const other = await setUp()
        const { hold } = await service.authorizeCredits({ account_id: acc.id, amount: 4, idempotency_key: "h", ttl_seconds: 60 })
        const before = await snapshot(acc)
        const tryAuthorize = (input: object) => authorizeInOneStatement(knex, { account_id: acc.id, idempotency_key: "x", amount: 1, ...input }, TTL)
        const tryCapture = (input: object) => captureInOneStatement(knex, { hold_id: hold.id, account_id: acc.id, idempotency_key: "y", ...input })

        expect(await tryAuthorize({ amount: 19 })).toBeNull() // available 18: the 402 comes from the general path
        expect(await tryAuthorize({ account_id: "iapacc_missing" })).toBeNull()
        expect(await tryAuthorize({ idempotency_key: "h", amount: 2 })).toBeNull() // the key of another request: 409
        expect(await tryCapture({ amount: 5 })).toBeNull() // more than authorized: 400
        expect(await tryCapture({ account_id: other.id })).toBeNull() // another account's hold: 404
        expect(await tryCapture({ hold_id: "iaphold_missing" })).toBeNull()
        expect(await tryCapture({ idempotency_key: "h" })).toBeNull()
        await service.updateAccount(acc.id, { state: "suspended" })
        expect(await tryAuthorize({})).toBeNull()
        await service.updateAccount(acc.id, { state: "active" })
        expect(await snapshot(acc)).toEqual(before)

        // a hold past its TTL is expired by the general path
        clock.set(new Date(T0.getTime() + 61_000))
        expect(await tryCapture({})).toBeNull()
        expect(await snapshot(acc)).toEqual(before)
        // a hold partly on overdraft: capture draws that part like a debit (general path)
        const { hold: big } = await service.authorizeCredits({ account_id: acc.id, amount: 16, idempotency_key: "big", ttl_seconds: 30 * 24 * 3600 })
        const afterBig = await snapshot(acc)
        expect(await tryCapture({ hold_id: big.id })).toBeNull()
        // a lot past its expiry (lot0, 10 days) must be expired, with its row, first
        clock.set(new Date(T0.getTime() + 11 * DAY))
        expect(await tryAuthorize({})).toBeNull()
        expect(await snapshot(acc)).toEqual(afterBig)
        const captured = await service.captureHold({ hold_id: big.id, idempotency_key: "big-cap", account_id: acc.id })
        expect(captured.hold.status).toBe("captured")
        expectInvariants(await invariants(db, acc.id))
      })
    })
  },
})
