import { Client } from "pg"
import { clock } from "../utils/clock"
import { expectInvariants, iapModuleRunner, invariants, sql } from "./helpers"

jest.setTimeout(120_000)

const T0 = new Date("2030-01-10T00:00:00.000Z")
const DAY = 24 * 3600 * 1000

/** Rate cards in the module (docs/rate-cards.md): versioned rate cards price usages, the ledger keeps usage and rate. */
iapModuleRunner({
  testSuite: ({ service, dbConfig }) => {
    let db: Client
    let sms: { id: string }
    let n = 0

    beforeEach(async () => {
      clock.set(T0)
      db = await sql(dbConfig.clientUrl)
    })

    afterEach(async () => {
      clock.reset()
      await db.end()
    })

    const setUp = async (integer = false) => {
      const name = `svc_${++n}`
      const { service: svc } = await service.createService({ technical_name: name, name, integer_credits: integer })
      sms = svc
      await service.createRateVersion(svc.id, {
        note: "launch",
        rates: [
          { metric: "sms_part", dimensions: { country: "*" }, unit_credits: 1 },
          { metric: "sms_part", dimensions: { country: "DE" }, unit_credits: "0.5" },
          { metric: "sms_part", dimensions: { country: "DE", network: "premium" }, unit_credits: "0.75" },
          { metric: "lead", unit_credits: 2 },
          {
            metric: "token",
            tiers: [
              { up_to: 1000, unit_credits: "0.01" },
              { up_to: 10000, unit_credits: "0.005" },
              { up_to: null, unit_credits: "0.001" },
            ],
          },
        ],
      })
      const { account } = await service.createAccount({ service_id: svc.id, customer_id: `cus_${n}` })
      await service.grantCredits({ account_id: account.id, amount: 100, idempotency_key: "g" })
      return account.id
    }

    const debit = (account_id: string, key: string, usage: object) =>
      service.debitCredits({ account_id, idempotency_key: key, usage: usage as any })

    it("charges the most specific rate, falls back to *, and refuses a usage no rate prices (never free)", async () => {
      const acc = await setUp()
      const de = await debit(acc, "de", { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } })
      const premium = await debit(acc, "premium", { metric: "sms_part", quantity: 2, dimensions: { country: "DE", network: "premium" } })
      const us = await debit(acc, "us", { metric: "sms_part", quantity: 1, dimensions: { country: "US" } })
      expect([de, premium, us].map((r) => r.transaction.amount)).toEqual([-1.5, -1.5, -1])
      expect(de.transaction).toMatchObject({
        type: "debit",
        usage: { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } },
        rate_version: 1,
      })
      const versions = await service.listRateVersions(sms.id)
      const card = await service.retrieveRateVersion(versions[0].id)
      const deRate = card.rates!.find((r) => r.dimensions.country === "DE" && !r.dimensions.network)!
      expect(de.transaction.rate_id).toBe(deRate.id)

      const err = await debit(acc, "fax", { metric: "fax_page", quantity: 1, dimensions: { country: "DE" } }).catch((e) => e)
      expect(err).toMatchObject({
        type: "invalid_data",
        code: "rate_not_found",
        message: `No rate of service ${(await service.retrieveAccount(acc)).service} prices metric fax_page with dimensions {"country":"DE"}`,
      })
      expect((await service.retrieveAccount(acc)).balance).toBe(96)
      expectInvariants(await invariants(db, acc))
    })

    it("prices a charge crossing tier boundaries by the month's quantity, and a new month starts over", async () => {
      const acc = await setUp()
      const first = await debit(acc, "t1", { metric: "token", quantity: 900 })
      expect(first.transaction.amount).toBe(-9)
      // 100 at 0.01, 9000 at 0.005, 900 at 0.001: 1 + 45 + 0.9
      const estimate = await service.price({ service_id: sms.id, account_id: acc, usage: { metric: "token", quantity: 10000 } })
      expect(estimate).toMatchObject({
        credits: 46.9,
        exact_credits: "46.9",
        month_quantity_before: 900,
        tiers: [
          { from: "0", to: "1000", quantity: "100", unit_credits: "0.01", credits: "1" },
          { from: "1000", to: "10000", quantity: "9000", unit_credits: "0.005", credits: "45" },
          { from: "10000", to: null, quantity: "900", unit_credits: "0.001", credits: "0.9" },
        ],
      })
      const second = await debit(acc, "t2", { metric: "token", quantity: 10000 })
      expect(second.transaction.amount).toBe(-estimate.credits)
      clock.set(new Date("2030-02-01T00:00:00.000Z"))
      expect((await debit(acc, "t3", { metric: "token", quantity: 10 })).transaction.amount).toBe(-0.1)
      const { rows } = await db.query(`SELECT month, quantity::text FROM iap_usage_month WHERE account_id = $1 ORDER BY month`, [acc])
      expect(rows).toEqual([
        { month: "2030-01", quantity: "10900" },
        { month: "2030-02", quantity: "10" },
      ])
      // a reversed usage (workflow compensation) leaves its month's count
      await service.reverseTransaction({ transaction_id: second.transaction.id })
      const { rows: after } = await db.query(`SELECT month, quantity::text FROM iap_usage_month WHERE account_id = $1 ORDER BY month`, [acc])
      expect(after).toEqual([
        { month: "2030-01", quantity: "900" },
        { month: "2030-02", quantity: "10" },
      ])
      expectInvariants(await invariants(db, acc))
    })

    it("a version from a future valid_from leaves earlier charges alone; past rows keep their version", async () => {
      const acc = await setUp(true)
      const v2 = await service.createRateVersion(sms.id, {
        valid_from: new Date(T0.getTime() + DAY),
        rates: [{ metric: "sms_part", dimensions: { country: "*" }, unit_credits: 3 }],
      })
      expect(v2).toMatchObject({ version: 2, status: "scheduled", rate_count: 1 })
      const before = await debit(acc, "before", { metric: "sms_part", quantity: 1, dimensions: { country: "FR" } })
      expect(before.transaction).toMatchObject({ amount: -1, rate_version: 1 })
      // rounded up to whole credits on an integer service: 3 × 0.5 = 1.5 → 2
      expect((await debit(acc, "de", { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } })).transaction.amount).toBe(-2)

      clock.set(new Date(T0.getTime() + DAY + 1))
      const after = await debit(acc, "after", { metric: "sms_part", quantity: 1, dimensions: { country: "FR" } })
      expect(after.transaction).toMatchObject({ amount: -3, rate_version: 2, rate_id: v2.rates![0].id })
      // v2 has no DE rate nor lead: its * prices DE; lead is no longer priced
      expect(await debit(acc, "lead", { metric: "lead", quantity: 1 }).catch((e) => e.code)).toBe("rate_not_found")
      const { rows } = await db.query(`SELECT idempotency_key, rate_version FROM iap_transaction WHERE account_id = $1 AND type = 'debit' ORDER BY seq`, [acc])
      expect(rows).toEqual([
        { idempotency_key: "before", rate_version: 1 },
        { idempotency_key: "de", rate_version: 1 },
        { idempotency_key: "after", rate_version: 2 },
      ])
      // a version in effect cannot change any more
      await expect(service.updateRateVersion(v2.id, { note: "late" })).rejects.toThrow(
        "Rate version 2 is in effect since 2030-01-11T00:00:00.000Z and may have priced charges: it cannot be changed; create a new version instead"
      )
      await expect(service.createRateVersion(sms.id, { valid_from: T0, rates: [] })).rejects.toThrow("valid_from must not be in the past")
    })

    it("replays the same key with the same usage and refuses it with another usage (409)", async () => {
      const acc = await setUp()
      const usage = { metric: "sms_part", quantity: 2, dimensions: { country: "DE" } }
      const first = await debit(acc, "k", usage)
      const again = await debit(acc, "k", { ...usage, dimensions: { country: "DE" } })
      expect(again).toMatchObject({ replayed: true, transaction: { id: first.transaction.id } })
      const err = await debit(acc, "k", { ...usage, quantity: 3 }).catch((e) => e)
      expect(err).toMatchObject({ type: "conflict", code: "idempotency_key_reused" })
      const asCredits = await service.debitCredits({ account_id: acc, idempotency_key: "k", amount: 1 }).catch((e) => e)
      expect(asCredits).toMatchObject({ code: "idempotency_key_reused" })
      expect((await service.retrieveAccount(acc)).balance).toBe(99)
    })

    it("authorizes a usage and captures a final usage with the authorization's version", async () => {
      const acc = await setUp()
      const auth = await service.authorizeCredits({ account_id: acc, idempotency_key: "a", usage: { metric: "lead", quantity: 5 } })
      expect(auth.hold).toMatchObject({ amount: 10, usage: { metric: "lead", quantity: 5, dimensions: {} }, rate_version: 1 })
      await service.createRateVersion(sms.id, { valid_from: new Date(T0.getTime() + 1000), rates: [{ metric: "lead", unit_credits: 9 }] })
      clock.advance(2000)
      const tooMuch = await service.captureHold({ hold_id: auth.hold.id, idempotency_key: "c0", usage: { metric: "lead", quantity: 6 } }).catch((e) => e)
      expect(tooMuch.message).toBe("usage costs 12 credits, more than the authorized 10")
      const cap = await service.captureHold({ hold_id: auth.hold.id, idempotency_key: "c", usage: { metric: "lead", quantity: 3 } })
      expect(cap.transaction).toMatchObject({ type: "capture", amount: -6, usage: { metric: "lead", quantity: 3 }, rate_version: 1 })
      expect((await service.retrieveAccount(acc))).toMatchObject({ balance: 94, reserved: 0 })
      expectInvariants(await invariants(db, acc))
    })
  },
})
