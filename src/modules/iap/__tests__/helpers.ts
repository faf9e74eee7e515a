import { moduleIntegrationTestRunner, type SuiteOptions } from "@medusajs/test-utils"
import path from "path"
import { Client } from "pg"
import { IAP_MODULE } from ".."
import type IapModuleService from "../service"

/** Shared set-up of the module tests: the real migrations, a pg client for ledger checks. */

export const MIGRATIONS = path.resolve(__dirname, "..", "migrations")

/** One database per test process, so parallel runs on one server never share tables. */
export const MODULE_DB = `medusa-iap-module-${process.pid}`

/**
 * The `iap` module alone on its real migrations, in `MODULE_DB` unless the file names its own.
 *
 * @example
 * iapModuleRunner({
 *   testSuite: ({ service, dbConfig }) => { it("…", async () => { … }) },
 * })
 */
export function iapModuleRunner(options: { dbName?: string; testSuite: (options: SuiteOptions<IapModuleService>) => void }) {
  moduleIntegrationTestRunner<IapModuleService>({
    moduleName: IAP_MODULE,
    resolve: "./src/modules/iap",
    pathToMigrations: MIGRATIONS,
    dbName: options.dbName ?? MODULE_DB,
    testSuite: options.testSuite,
  })
}

export async function sql(clientUrl: string) {
  const client = new Client({ connectionString: clientUrl })
  await client.connect()
  return client
}

/**
 * The invariants of docs/rules.md §4 for one account: balance = ledger sum = Σ lot remaining − debt,
 * reserved = Σ pending holds = Σ lot reservations.
 */
export async function invariants(db: Client, accountId: string) {
  const { rows } = await db.query(
    `SELECT a.balance::text AS balance, a.reserved::text AS reserved, a.debt::text AS debt, a.pending::text AS pending,
       (SELECT coalesce(sum(amount), 0)::text FROM iap_transaction WHERE account_id = a.id) AS ledger,
       (SELECT coalesce(sum(remaining), 0)::text FROM iap_credit_lot WHERE account_id = a.id AND status <> 'pending') AS lots,
       (SELECT coalesce(sum(initial_amount), 0)::text FROM iap_credit_lot WHERE account_id = a.id AND status = 'pending') AS pending_lots,
       (SELECT coalesce(sum(reserved), 0)::text FROM iap_credit_lot WHERE account_id = a.id) AS lot_reserved,
       (SELECT coalesce(sum(amount), 0)::text FROM iap_hold WHERE account_id = a.id AND status = 'pending') AS holds,
       (SELECT count(*)::int FROM iap_credit_lot WHERE account_id = a.id AND remaining < 0) AS negative_lots
     FROM iap_account a WHERE a.id = $1`,
    [accountId]
  )
  const r = rows[0]
  const n = (v: string) => Number(v)
  return {
    balance: n(r.balance),
    reserved: n(r.reserved),
    debt: n(r.debt),
    pending: n(r.pending),
    ledger: n(r.ledger),
    lots: n(r.lots),
    pending_lots: n(r.pending_lots),
    lot_reserved: n(r.lot_reserved),
    holds: n(r.holds),
    negative_lots: r.negative_lots,
  }
}

/** Compares in 1/10000 units: float subtraction of decimals (3.0205 − 2.0205) is not exact. */
const units = (x: number) => Math.round(x * 10_000)

export function expectInvariants(inv: Awaited<ReturnType<typeof invariants>>) {
  expect(units(inv.ledger)).toBe(units(inv.balance))
  expect(units(inv.lots) - units(inv.debt)).toBe(units(inv.balance))
  expect(inv.holds).toBe(inv.reserved)
  expect(inv.pending_lots).toBe(inv.pending)
  expect(inv.negative_lots).toBe(0)
  expect(inv.lot_reserved).toBeLessThanOrEqual(inv.reserved)
}

export async function ledgerRows(db: Client, accountId: string) {
  const { rows } = await db.query(
    `SELECT type, amount::text AS amount, balance_after::text AS balance_after FROM iap_transaction WHERE account_id = $1 ORDER BY seq`,
    [accountId]
  )
  return rows.map((r) => ({ type: r.type, amount: Number(r.amount), balance_after: Number(r.balance_after) }))
}
