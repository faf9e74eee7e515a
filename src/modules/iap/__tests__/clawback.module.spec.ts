import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { Client } from "pg"
import IapModuleService from "../service"
import { clock } from "../utils/clock"
import { expectInvariants, IAP_MODULE_TEST, invariants, ledgerRows, MODULE_DB, sql } from "./helpers"

jest.setTimeout(120_000)

const T0 = new Date("2030-01-01T00:00:00.000Z")

/** Refunds and returns take back the credits an order line bought: unspent first, then the policy. */
moduleIntegrationTestRunner<IapModuleService>({
  ...IAP_MODULE_TEST,
  dbName: `${MODULE_DB}-clawback`,
  testSuite: ({ service, dbConfig }) => {
    let db: Client
    let serviceId: string
    let accountId: string

    beforeEach(async () => {
      clock.set(T0)
      db = await sql(dbConfig.clientUrl)
      const { service: svc } = await service.createService({ technical_name: "sms", name: "SMS", unit_name: "SMS", integer_credits: true })
      serviceId = svc.id
      accountId = (await service.createAccount({ service_id: serviceId, customer_id: "cus_a" })).account.id
    })

    afterEach(async () => {
      clock.reset()
      await db.end()
    })

    /** A bought lot of `credits`, available (payment captured) unless `pending`. */
    const buy = async (credits: number, line = "ordli_1", pending = false) => {
      const { lot } = await service.grantCredits({
        account_id: accountId, amount: credits, status: "pending", source_type: "purchase", source_id: line,
        unit_price: 10, currency_code: "eur", idempotency_key: `purchase:${line}`,
      })
      if (!pending) await service.releasePendingLot({ lot_id: lot.id, idempotency_key: `purchase-release:${line}` })
      return lot.id
    }
    const spend = (credits: number, key: string) => service.debitCredits({ account_id: accountId, amount: credits, idempotency_key: key })
    const claw = (lotId: string, amount: number, ref: string, policy?: "clamp" | "debt") =>
      service.clawbackCredits({
        lot_id: lotId, amount, policy, reference_type: "refund", reference_id: ref, order_id: "order_1",
        line_item_id: "ordli_1", idempotency_key: `clawback:${ref}:ordli_1`,
      })
    const check = async () => expectInvariants(await invariants(db, accountId))

    it("takes unspent credits back, writes a clawback row referencing the refund, and replays by key", async () => {
      const lotId = await buy(1000)
      const res = await claw(lotId, 400, "refund_1")
      expect(res).toMatchObject({
        replayed: false,
        account: { balance: 600, debt: 0 },
        lot: { remaining: 600, status: "available" },
        transaction: { type: "clawback", amount: -400, reference_type: "refund", reference_id: "refund_1", idempotency_key: "clawback:refund_1:ordli_1" },
        clawback: { requested: 400, clawed: 400, debt: 0, shortfall: 0, policy: "clamp", voided_pending: false, order_id: "order_1" },
      })
      const again = await claw(lotId, 400, "refund_1")
      expect(again).toMatchObject({ replayed: true, clawback: { id: res.clawback!.id } })
      await expect(claw(lotId, 401, "refund_1")).rejects.toMatchObject({ type: "conflict" })
      expect(await ledgerRows(db, accountId)).toEqual([
        { type: "purchase", amount: 1000, balance_after: 1000 },
        { type: "clawback", amount: -400, balance_after: 600 },
      ])
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM iap_clawback WHERE lot_id = $1`, [lotId])
      expect(rows[0].n).toBe(1)
      await check()
    })

    it('"clamp": credits already used are reported as shortfall, never taken from other lots', async () => {
      const other = await service.grantCredits({ account_id: accountId, amount: 50, idempotency_key: "gift", expires_at: "2031-01-01T00:00:00Z" })
      const lotId = await buy(1000)
      await spend(50, "use-gift") // the expiring gift first
      await spend(300, "use-1")
      const res = await claw(lotId, 1000, "refund_1")
      expect(res).toMatchObject({ account: { balance: 0, debt: 0 }, clawback: { requested: 1000, clawed: 700, debt: 0, shortfall: 300 }, transaction: { amount: -700 } })
      expect(res.transaction!.description).toBe("Credits taken back: refund refund_1; 300 already used, not recovered")
      // Nothing more can be asked of that lot: it granted 1000 in all.
      const more = await claw(lotId, 10, "refund_2")
      expect(more.clawback).toMatchObject({ requested: 0, clawed: 0, shortfall: 0 })
      expect((await service.listIapCreditLots({ id: other.lot.id }))[0].remaining).toBe(0)
      await check()
    })

    it('"debt": used credits become debt, repaid first by the next credits', async () => {
      const lotId = await buy(1000)
      await spend(300, "use-1")
      const res = await claw(lotId, 1000, "refund_1", "debt")
      expect(res).toMatchObject({ account: { balance: -300, debt: 300, available: -300 }, clawback: { clawed: 700, debt: 300, shortfall: 0 }, transaction: { amount: -1000 } })
      await expect(spend(1, "use-2")).rejects.toMatchObject({ type: "insufficient_credits" })
      await buy(500, "ordli_2")
      expect(await service.retrieveAccount(accountId)).toMatchObject({ balance: 200, debt: 0 })
      await check()
    })

    it("partial clawbacks add up: used credits are a shortfall once, not once per refund", async () => {
      const lotId = await buy(1000)
      await spend(900, "use-1")
      const first = await claw(lotId, 400, "refund_1", "debt")
      expect(first.clawback).toMatchObject({ clawed: 100, debt: 300 })
      const second = await claw(lotId, 600, "refund_2", "debt")
      // 900 used in all: 300 counted by the first refund, the other 600 by this one.
      expect(second.clawback).toMatchObject({ clawed: 0, debt: 600 })
      expect(second.account).toMatchObject({ balance: -900, debt: 900 })
      await check()
    })

    it("a pending lot is voided whole, not clawed back, and cannot be released afterwards", async () => {
      const lotId = await buy(1000, "ordli_1", true)
      const res = await claw(lotId, 400, "refund_1")
      expect(res).toMatchObject({
        account: { balance: 0, pending: 0 },
        lot: { status: "voided" },
        transaction: { type: "void", amount: 0 },
        clawback: { voided_pending: true, clawed: 0, shortfall: 0 },
      })
      await expect(service.releasePendingLot({ lot_id: lotId, idempotency_key: "purchase-release:ordli_1" })).rejects.toMatchObject({ type: "conflict" })
      const later = await claw(lotId, 600, "refund_2")
      expect(later.clawback).toMatchObject({ requested: 600, clawed: 0, shortfall: 0, debt: 0 })
      await check()
    })

    it("credits voided by a cancellation or expired are gone already: no shortfall, no debt for them", async () => {
      const lotId = await buy(1000)
      await spend(100, "use-1")
      await service.voidLot({ lot_id: lotId, idempotency_key: "purchase-void:ordli_1" })
      const res = await claw(lotId, 1000, "refund_1", "debt")
      expect(res.clawback).toMatchObject({ requested: 1000, clawed: 0, debt: 100 })
      expect(res.account).toMatchObject({ balance: -100, debt: 100 })
      await check()
    })

    it("up_to: takes what the lot's clawbacks lack to reach a total, and writes nothing once they do", async () => {
      const lotId = await buy(1000)
      const upTo = (total: number, key: string) =>
        service.clawbackCredits({ lot_id: lotId, up_to: total, reference_type: "refund", reference_id: key, idempotency_key: `clawback:${key}:${total}` })
      expect((await upTo(400, "r1")).clawback).toMatchObject({ requested: 400, clawed: 400 })
      // a run that saw less history, arriving late: nothing to do, nothing written
      const late = await upTo(300, "r0")
      expect(late).toMatchObject({ clawback: null, transaction: null, replayed: true })
      expect((await upTo(1000, "r2")).clawback).toMatchObject({ requested: 600, clawed: 600 })
      expect((await upTo(1000, "r2")).replayed).toBe(true)
      expect((await ledgerRows(db, accountId)).map((r) => r.amount)).toEqual([1000, -400, -600])
      await expect(
        service.clawbackCredits({ lot_id: lotId, amount: 1, up_to: 1, reference_type: "refund", reference_id: "x", idempotency_key: "x" })
      ).rejects.toMatchObject({ type: "invalid_data", message: "Exactly one of amount and up_to is required" })
      await check()
    })

    it("refuses a bad amount or a missing reference with a 400 naming the field", async () => {
      const lotId = await buy(10)
      await expect(claw(lotId, 0, "r")).rejects.toMatchObject({ type: "invalid_data", message: "amount must be greater than 0" })
      await expect(claw(lotId, 1.5, "r")).rejects.toMatchObject({ type: "invalid_data", message: "amount must be a whole number for this service" })
      await expect(
        service.clawbackCredits({ lot_id: lotId, amount: 1, reference_type: "refund", reference_id: "", idempotency_key: "k" })
      ).rejects.toMatchObject({ type: "invalid_data", message: "reference_id is required" })
      await expect(claw("iaplot_nope", 1, "r")).rejects.toMatchObject({ type: "not_found" })
    })
  },
})
