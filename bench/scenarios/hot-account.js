// Scenario 1 — hot account: concurrent debits of 1 credit on ONE account at concurrency 1, 8, 32
// (each debit its own DB transaction), ours (the built module's debitCredits) next to the least
// correct raw-SQL work with `pg`: BEGIN; conditional UPDATE; one ledger INSERT; COMMIT.
const path = require("path")
const { Pool } = require("pg")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, migrate, bootModules, countQueries } = require("../lib/modules")
const { summarize, runConcurrent, round, Checks } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")

const DB = "iap_bench_hot"
const LEVELS = [1, 8, 32]
const INITIAL = 10_000_000

const plan = (quick) => ({
  warmup: quick ? 20 : 100,
  // Measured debits per concurrency level, split over alternating rounds (baseline, ours, ...)
  // so that noise from other work on the machine hits both sides alike.
  debits: quick ? { 1: 150, 8: 300, 32: 300 } : { 1: 1500, 8: 4000, 32: 4000 },
  rounds: quick ? 1 : 2,
  profileDebits: quick ? 100 : 400,
  // Usage charges (rate card: 1 credit per sms_part to DE) at concurrency 8, after the credit debits.
  usageDebits: quick ? 300 : 4000,
})

async function run({ env, quick, log }) {
  const p = plan(quick)
  const url = await freshDatabase(env, DB)
  let app = null
  let pool = null
  let db = null
  try {
    await migrate(url, path.join(IAP_BUILT, "migrations"))
    db = await connect(url)
    await db.query(`CREATE TABLE bench_raw_account (id text PRIMARY KEY, balance bigint NOT NULL)`)
    await db.query(`CREATE TABLE bench_raw_ledger (id bigserial PRIMARY KEY, account_id text NOT NULL, amount bigint NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`)
    await db.query(`INSERT INTO bench_raw_account VALUES ('raw_1', $1)`, [INITIAL])

    const maxConc = Math.max(...LEVELS)
    app = await bootModules({ clientUrl: url, poolMax: maxConc + 8, modules: { iap: { resolve: IAP_BUILT } } })
    pool = new Pool({ connectionString: url, max: maxConc + 8 })
    const iap = app.services.iap
    const { service } = await iap.createService({ technical_name: "bench_hot", name: "Bench hot account" })
    const { account } = await iap.createAccount({ service_id: service.id })
    await iap.grantCredits({ account_id: account.id, amount: INITIAL, idempotency_key: "bench-initial" })
    await iap.createRateVersion(service.id, {
      rates: [
        { metric: "sms_part", dimensions: { country: "DE" }, unit_credits: 1 },
        { metric: "sms_part", dimensions: { country: "*" }, unit_credits: 2 },
      ],
    })

    let ourCount = 0
    let rawCount = 0
    const ours = (tag) => (i) => iap.debitCredits({ account_id: account.id, amount: 1, idempotency_key: `hot-${tag}-${i}` })
    const raw = async () => {
      const c = await pool.connect()
      try {
        await c.query("BEGIN")
        const u = await c.query("UPDATE bench_raw_account SET balance = balance - 1 WHERE id = $1 AND balance >= 1", ["raw_1"])
        if (u.rowCount !== 1) throw new Error("raw baseline: insufficient balance")
        await c.query("INSERT INTO bench_raw_ledger (account_id, amount) VALUES ($1, -1)", ["raw_1"])
        await c.query("COMMIT")
      } catch (e) {
        await c.query("ROLLBACK").catch(() => {})
        throw e
      } finally {
        c.release()
      }
    }

    // Profile: statements (round trips) per debit, BEGIN/COMMIT included.
    const statements = await countQueries(() => ours("profile")(0))
    ourCount += 1

    const levels = []
    for (const concurrency of LEVELS) {
      const w1 = await runConcurrent({ total: p.warmup, concurrency, fn: ours(`warm-c${concurrency}`) })
      const w2 = await runConcurrent({ total: p.warmup, concurrency, fn: raw })
      ourCount += w1.latencies.length
      rawCount += w2.latencies.length
      const per = Math.ceil(p.debits[concurrency] / p.rounds)
      const acc = { ours: { lat: [], wall: 0, errors: [] }, raw: { lat: [], wall: 0, errors: [] } }
      for (let r = 0; r < p.rounds; r++) {
        const b = await runConcurrent({ total: per, concurrency, fn: raw })
        const o = await runConcurrent({ total: per, concurrency, fn: ours(`c${concurrency}-r${r}`) })
        for (const [k, res] of [["raw", b], ["ours", o]]) {
          acc[k].lat.push(...res.latencies)
          acc[k].wall += res.wallMs
          acc[k].errors.push(...res.errors)
        }
      }
      ourCount += acc.ours.lat.length
      rawCount += acc.raw.lat.length
      const oursS = summarize(acc.ours.lat, acc.ours.wall)
      const rawS = summarize(acc.raw.lat, acc.raw.wall)
      const errors = [...w1.errors, ...w2.errors, ...acc.ours.errors, ...acc.raw.errors]
      if (errors.length) throw new Error(`hot account c=${concurrency}: ${errors.length} debit(s) failed, first: ${errors[0].message}`)
      const ratio = round(oursS.ops_per_s / rawS.ops_per_s, 3)
      log(`c=${concurrency}: ours ${oursS.ops_per_s} debits/s (p50 ${oursS.p50_ms} ms, p99 ${oursS.p99_ms} ms) | raw SQL ${rawS.ops_per_s}/s (p50 ${rawS.p50_ms}, p99 ${rawS.p99_ms}) | ratio ${ratio}`)
      levels.push({ concurrency, debits: per * p.rounds, ours: oursS, baseline: rawS, ratio })
    }

    // Usage charges: priced in this process from the cached rate card, still ONE debit statement.
    const usage = { metric: "sms_part", quantity: 1, dimensions: { country: "DE" } }
    const oursUsage = (tag) => (i) => iap.debitCredits({ account_id: account.id, usage, idempotency_key: `usage-${tag}-${i}` })
    const usageWarm = await runConcurrent({ total: p.warmup, concurrency: 8, fn: oursUsage("warm") })
    const usageStatements = await countQueries(() => oursUsage("profile")(0))
    const usageRun = await runConcurrent({ total: p.usageDebits, concurrency: 8, fn: oursUsage("c8") })
    const usageErrors = [...usageWarm.errors, ...usageRun.errors]
    if (usageErrors.length) throw new Error(`usage charges: ${usageErrors.length} failed, first: ${usageErrors[0].message}`)
    ourCount += usageWarm.latencies.length + 1 + usageRun.latencies.length
    const usageS = summarize(usageRun.latencies, usageRun.wallMs)
    const creditsC8 = levels.find((l) => l.concurrency === 8).ours
    const usageLevel = { concurrency: 8, debits: p.usageDebits, ours: usageS, statements_per_debit: usageStatements.length, ratio_to_credit_debits: round(usageS.ops_per_s / creditsC8.ops_per_s, 3) }
    log(`usage charges c=8: ${usageS.ops_per_s} debits/s (p50 ${usageS.p50_ms} ms, p99 ${usageS.p99_ms} ms), ${usageStatements.length} statement(s) each, ratio to credit debits ${usageLevel.ratio_to_credit_debits}`)

    // Profile: how long the row lock is held, from the lock's answer to COMMIT being sent (the
    // COMMIT round trip itself is the same for both), at concurrency 8 — for the raw SQL baseline.
    // Ours takes and releases the lock inside ONE autocommitted statement (`iap_debit`): no round
    // trip to this process falls inside it, so there is nothing to time from here.
    const hold = { raw: [] }
    const rawHoldPass = await runConcurrent({
      total: p.profileDebits,
      concurrency: 8,
      fn: async () => {
        const c = await pool.connect()
        try {
          await c.query("BEGIN")
          await c.query("UPDATE bench_raw_account SET balance = balance - 1 WHERE id = $1 AND balance >= 1", ["raw_1"])
          const locked = process.hrtime.bigint()
          await c.query("INSERT INTO bench_raw_ledger (account_id, amount) VALUES ($1, -1)", ["raw_1"])
          hold.raw.push(Number(process.hrtime.bigint() - locked) / 1e6)
          await c.query("COMMIT")
        } finally {
          c.release()
        }
      },
    })
    if (rawHoldPass.errors.length) throw new Error("hot account: a debit of the lock-hold profile failed")
    rawCount += rawHoldPass.latencies.length
    const lockHold = { concurrency: 8, raw: summarize(hold.raw, 0) }
    log(`lock held until COMMIT is sent (c=8): ours inside one statement, raw SQL p50 ${lockHold.raw.p50_ms} ms`)

    const checks = new Checks("hot account")
    const expectedOurs =
      p.warmup * LEVELS.length + LEVELS.reduce((s, c) => s + Math.ceil(p.debits[c] / p.rounds) * p.rounds, 0) + 1 + p.warmup + 1 + p.usageDebits
    checks.equal("ours: successful debits = requested", ourCount, expectedOurs)
    await checkLedger(checks, db, account.id, { balance: INITIAL - ourCount, debits: ourCount, label: "ours" })
    const opRows = (await db.query(`SELECT count(*)::int AS n FROM iap_operation WHERE account_id = $1`, [account.id])).rows[0].n
    checks.equal("ours: idempotency records = mutations", opRows, ourCount + 1)
    checks.equal("usage charges: one statement each (cached rate card)", usageStatements.length, 1)
    const usageRows = (await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE rate_version = 1 AND usage->>'metric' = 'sms_part')::int AS priced
       FROM iap_transaction WHERE account_id = $1 AND usage IS NOT NULL`, [account.id])).rows[0]
    checks.equal("usage charges: ledger rows with usage and rate = usage charges", usageRows.priced, p.warmup + 1 + p.usageDebits)
    const counted = (await db.query(`SELECT coalesce(sum(quantity), 0)::int AS q FROM iap_usage_month WHERE account_id = $1`, [account.id])).rows[0].q
    checks.equal("usage charges: monthly counter = usage charges", counted, p.warmup + 1 + p.usageDebits)
    const rawState = (await db.query(`SELECT a.balance::text AS balance,
        (SELECT count(*)::int FROM bench_raw_ledger) AS rows, (SELECT coalesce(sum(amount), 0)::text FROM bench_raw_ledger) AS sum
      FROM bench_raw_account a WHERE id = 'raw_1'`)).rows[0]
    checks.equal("baseline: ledger rows = successful debits", rawState.rows, rawCount)
    checks.equal("baseline: balance = initial + ledger sum", rawState.balance, String(INITIAL + Number(rawState.sum)))
    checks.equal("baseline: balance = expected", rawState.balance, String(INITIAL - rawCount))
    const passed = checks.assertAll()

    return {
      database: DB,
      plan: p,
      levels,
      usage: usageLevel,
      profile: {
        ours_statements_per_debit: statements.length,
        ours_statements: statements,
        baseline_statements_per_debit: 4,
        lock_hold_until_commit_sent: lockHold,
        pool_max: maxConc + 8,
      },
      checks: passed,
    }
  } finally {
    if (pool) await pool.end().catch(() => {})
    if (db) await db.end().catch(() => {})
    if (app) await app.shutdown().catch(() => {})
    await dropDatabase(env, DB).catch((e) => log(`could not drop ${DB}: ${e.message}`))
  }
}

if (require.main === module) scenarioMain("hot-account", run)
module.exports = { run }
