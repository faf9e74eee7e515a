import { knex as makeKnex, type Knex } from "@medusajs/framework/mikro-orm/knex"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { execFile } from "child_process"
import path from "path"
import { promisify } from "util"
import IapModuleService from "../service"
import { clock } from "../utils/clock"
import { IAP_MODULE_TEST } from "./helpers"

jest.setTimeout(300_000)

const run = promisify(execFile)
const CHILD = path.join(__dirname, "fixtures", "start-recharges.ts")

/**
 * Auto-recharge's one-in-flight rule is the database's: starts racing in this process and in two
 * other Node processes (own pools, own transactions) start exactly one attempt; a second
 * in-flight row is refused by the partial unique index whoever writes it.
 */
moduleIntegrationTestRunner<IapModuleService>({
  ...IAP_MODULE_TEST,
  testSuite: ({ service, dbConfig }) => {
    let knex: Knex
    let accountId: string

    beforeAll(() => {
      knex = makeKnex({ client: "pg", connection: dbConfig.clientUrl, pool: { min: 0, max: 10 } })
    })
    afterAll(async () => {
      await knex.destroy()
    })

    beforeEach(async () => {
      clock.reset()
      const { service: sms } = await service.createService({ technical_name: "sms", name: "SMS", integer_credits: true })
      const [pack] = (await service.createIapCreditPacks([{ service_id: sms.id, credits: 100 }] as any)) as unknown as { id: string }[]
      accountId = (await service.createAccount({ service_id: sms.id, customer_id: "cus_1" })).account.id
      await service.grantCredits({ account_id: accountId, amount: 10, idempotency_key: "g1" })
      await service.upsertAutoRecharge(accountId, {
        enabled: true, pack_id: pack.id, variant_id: "variant_1", quantity: 2, trigger: 50, region_id: "reg_1", currency_code: "eur",
        provider_id: "pp_iaptest_card", account_holder_id: "acchld_1", payment_method_id: "pm_visa_cus_1",
      })
    })

    it("100 starts from three processes at once: one attempt in flight, the trigger disarmed", async () => {
      const here = Promise.all(Array.from({ length: 40 }, () => service.startRecharge({ account_id: accountId, price: null })))
      const others = [1, 2].map(() =>
        run(process.execPath, ["-r", "ts-node/register/transpile-only", CHILD, dbConfig.clientUrl, accountId, "30"], { cwd: process.cwd() })
      )
      const [mine, ...theirs] = await Promise.all([here, ...others])
      const started = [
        ...mine.filter((r) => r && "started" in r).map((r: any) => r.started.id),
        ...theirs.flatMap((o) => JSON.parse(o.stdout) as (string | null)[]).filter(Boolean),
      ]
      expect(started).toHaveLength(1)
      const rows = await knex("iap_recharge").where({ account_id: accountId }).select("id", "status", "attempt", "quantity", "credits")
      expect(rows.map((r) => ({ ...r, credits: Number(r.credits) }))).toEqual([{ id: started[0], status: "pending", attempt: 1, quantity: 2, credits: 200 }])
      expect(await service.retrieveAutoRecharge(accountId)).toMatchObject({ armed: false })
    })

    it("the partial unique index refuses a second attempt in flight; a settled one frees the account", async () => {
      const first = await service.startRecharge({ account_id: accountId, price: null })
      const row = (first as any).started
      const copy = { ...(await knex("iap_recharge").where({ id: row.id }).first()), id: "iaprch_second" }
      await expect(knex("iap_recharge").insert(copy)).rejects.toMatchObject({ code: "23505", constraint: "IDX_iap_recharge_one_in_flight" })
      await service.updateRecharge(row.id, { status: "succeeded" })
      await knex("iap_recharge").insert(copy)
      expect(await knex("iap_recharge").where({ account_id: accountId }).count("* as n")).toEqual([{ n: "2" }])
    })

    it("the monthly count cap records a capped attempt instead (money cap likewise, with the price)", async () => {
      await service.upsertAutoRecharge(accountId, {
        ...(await service.retrieveAutoRecharge(accountId))!, monthly_count_cap: 1, monthly_amount_cap: 15,
      })
      const first: any = await service.startRecharge({ account_id: accountId, price: 10n * 10_000n })
      await service.updateRecharge(first.started.id, { status: "succeeded" })
      await service.upsertAutoRecharge(accountId, { ...(await service.retrieveAutoRecharge(accountId))!, monthly_count_cap: 2 })
      const second: any = await service.startRecharge({ account_id: accountId, price: 10n * 10_000n })
      expect(second).toMatchObject({ reason: "amount", capped: { status: "capped", error_code: "cap_amount", amount: 10 } })
      await service.upsertAutoRecharge(accountId, { ...(await service.retrieveAutoRecharge(accountId))!, monthly_count_cap: 1, monthly_amount_cap: null })
      const third: any = await service.startRecharge({ account_id: accountId, price: 10n * 10_000n })
      expect(third).toMatchObject({ reason: "count", capped: { status: "capped", error_code: "cap_count" } })
      // a new calendar month starts afresh
      clock.set(new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 1)))
      await service.upsertAutoRecharge(accountId, { ...(await service.retrieveAutoRecharge(accountId))! })
      expect(await service.startRecharge({ account_id: accountId, price: 10n * 10_000n })).toMatchObject({ started: { status: "pending" } })
    })
  },
})
