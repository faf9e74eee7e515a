// Scenario 1 — hot account: concurrent debits of 1 credit on ONE account at concurrency 1, 8, 32
// (each debit its own DB transaction), ours (the built module's debitCredits) next to the least
// correct raw-SQL work with `pg`: BEGIN; conditional UPDATE; one ledger INSERT; COMMIT.
const path = require("path")
const { Pool } = require("pg")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, migrate, bootModules, countQueries, fewestQueries } = require("../lib/modules")
const { summarize, runConcurrent, round, spread, Checks } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")

const DB = "iap_bench_hot"
const LEVELS = [1, 8, 32]
const INITIAL = 10_000_000
const PROFILE_TRIES = 3

const plan = (quick) => ({
  warmup: quick ? 20 : 100,
  // Measured debits per concurrency level, split over alternating rounds (baseline, ours, ...)
  // so that noise from other work on the machine hits both sides alike; each round gives one
  // ratio, and the level's ratio is their median (with min–max).
  debits: quick ? { 1: 150, 8: 300, 32: 300 } : { 1: 1500, 8: 4000, 32: 4000 },
  rounds: quick ? 3 : 5,
  profileDebits: quick ? 100 : 400,
  // Usage charges at concurrency 8, in rounds interleaved with plain 1-credit debits: a flat
  // rate (1 credit per sms_part to DE) and a graduated one (tiers by the month's quantity).
  usageDebits: quick ? 300 : 3000,
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
        { metric: "token", dimensions: {}, tiers: [{ up_to: 1_000_000, unit_credits: 1 }, { up_to: null, unit_credits: 1 }] },
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
      const roundRatios = []
      for (let r = 0; r < p.rounds; r++) {
        // Alternate which side goes first, so neither always runs right after the other's writes.
        const pair = r % 2 === 0 ? [["raw", raw], ["ours", ours(`c${concurrency}-r${r}`)]] : [["ours", ours(`c${concurrency}-r${r}`)], ["raw", raw]]
        const got = {}
        for (const [k, fn] of pair) got[k] = await runConcurrent({ total: per, concurrency, fn })
        for (const [k, res] of Object.entries(got)) {
          acc[k].lat.push(...res.latencies)
          acc[k].wall += res.wallMs
          acc[k].errors.push(...res.errors)
        }
        roundRatios.push((got.ours.latencies.length / got.ours.wallMs) / (got.raw.latencies.length / got.raw.wallMs))
      }
      ourCount += acc.ours.lat.length
      rawCount += acc.raw.lat.length
      const oursS = summarize(acc.ours.lat, acc.ours.wall)
      const rawS = summarize(acc.raw.lat, acc.raw.wall)
      const errors = [...w1.errors, ...w2.errors, ...acc.ours.errors, ...acc.raw.errors]
      if (errors.length) throw new Error(`hot account c=${concurrency}: ${errors.length} debit(s) failed, first: ${errors[0].message}`)
      const ratio = spread(roundRatios)
      log(`c=${concurrency}: ours ${oursS.ops_per_s} debits/s (p50 ${oursS.p50_ms} ms, p99 ${oursS.p99_ms} ms) | raw SQL ${rawS.ops_per_s}/s (p50 ${rawS.p50_ms}, p99 ${rawS.p99_ms}) | ratio median ${ratio.median} (${ratio.min}–${ratio.max})`)
      levels.push({ concurrency, debits: per * p.rounds, rounds: p.rounds, ours: oursS, baseline: rawS, ratio: ratio.median, ratio_spread: ratio })
    }

    // Usage charges vs plain debits at concurrency 8, interleaved rounds (plain, flat, tiered; the
    // order rotates). Flat: priced in this process from the cached rate card, still ONE statement.
    // Tiered: its price depends on the month's quantity, read under the account lock.
    const flatUsage = { metric: "sms_part", quantity: 1, dimensions: { country: "DE" } }
    const tieredUsage = { metric: "token", quantity: 1, dimensions: {} }
    const usageFn = (usage, tag) => (i) => iap.debitCredits({ account_id: account.id, usage, idempotency_key: `usage-${tag}-${i}` })
    const usageWarm = [
      await runConcurrent({ total: p.warmup, concurrency: 8, fn: usageFn(flatUsage, "warm-flat") }),
      await runConcurrent({ total: p.warmup, concurrency: 8, fn: usageFn(tieredUsage, "warm-tiered") }),
    ]
    // Statements of a warm usage charge: the fewest of PROFILE_TRIES calls (a call may meet a
    // connection being opened, or a card reloaded because the clock stepped back).
    const flatProfile = await fewestQueries(usageFn(flatUsage, "profile-flat"), PROFILE_TRIES)
    const tieredProfile = await fewestQueries(usageFn(tieredUsage, "profile-tiered"), PROFILE_TRIES)
    const usageStatements = flatProfile.fewest
    const tieredStatements = tieredProfile.fewest
    const kinds = {
      plain: (r) => ours(`u-plain-r${r}`),
      flat: (r) => usageFn(flatUsage, `flat-r${r}`),
      tiered: (r) => usageFn(tieredUsage, `tiered-r${r}`),
    }
    const names = Object.keys(kinds)
    const perUsage = Math.ceil(p.usageDebits / p.rounds)
    const uacc = Object.fromEntries(names.map((k) => [k, { lat: [], wall: 0, errors: [] }]))
    const uratios = { flat: [], tiered: [] }
    for (let r = 0; r < p.rounds; r++) {
      const order = names.map((_, i) => names[(i + r) % names.length])
      const got = {}
      for (const k of order) got[k] = await runConcurrent({ total: perUsage, concurrency: 8, fn: kinds[k](r) })
      for (const k of names) {
        uacc[k].lat.push(...got[k].latencies)
        uacc[k].wall += got[k].wallMs
        uacc[k].errors.push(...got[k].errors)
      }
      const rate = (k) => got[k].latencies.length / got[k].wallMs
      // Cost ratio: usage time per charge / plain time per charge (≤ 1.2 wanted).
      uratios.flat.push(rate("plain") / rate("flat"))
      uratios.tiered.push(rate("plain") / rate("tiered"))
    }
    const usageErrors = [...usageWarm.flatMap((w) => w.errors), ...names.flatMap((k) => uacc[k].errors)]
    if (usageErrors.length) throw new Error(`usage charges: ${usageErrors.length} failed, first: ${usageErrors[0].message}`)
    const usageCount = {
      flat: usageWarm[0].latencies.length + PROFILE_TRIES + uacc.flat.lat.length,
      tiered: usageWarm[1].latencies.length + PROFILE_TRIES + uacc.tiered.lat.length,
    }
    ourCount += usageCount.flat + usageCount.tiered + uacc.plain.lat.length
    const usageLevel = {
      concurrency: 8,
      rounds: p.rounds,
      debits_per_kind: perUsage * p.rounds,
      plain: summarize(uacc.plain.lat, uacc.plain.wall),
      flat: summarize(uacc.flat.lat, uacc.flat.wall),
      tiered: summarize(uacc.tiered.lat, uacc.tiered.wall),
      statements_per_debit: usageStatements.length,
      tiered_statements: tieredStatements,
      flat_cost_over_plain: spread(uratios.flat),
      tiered_cost_over_plain: spread(uratios.tiered),
    }
    log(`usage c=8: plain ${usageLevel.plain.ops_per_s}/s | flat ${usageLevel.flat.ops_per_s}/s (${usageStatements.length} statement) | tiered ${usageLevel.tiered.ops_per_s}/s (${tieredStatements.length} statements) | ` +
      `cost vs plain: flat ${usageLevel.flat_cost_over_plain.median} (${usageLevel.flat_cost_over_plain.min}–${usageLevel.flat_cost_over_plain.max}), tiered ${usageLevel.tiered_cost_over_plain.median} (${usageLevel.tiered_cost_over_plain.min}–${usageLevel.tiered_cost_over_plain.max})`)

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
      p.warmup * LEVELS.length + LEVELS.reduce((s, c) => s + Math.ceil(p.debits[c] / p.rounds) * p.rounds, 0) + 1 +
      3 * perUsage * p.rounds + 2 * (p.warmup + PROFILE_TRIES)
    checks.equal("ours: successful debits = requested", ourCount, expectedOurs)
    await checkLedger(checks, db, account.id, { balance: INITIAL - ourCount, debits: ourCount, label: "ours" })
    const opRows = (await db.query(`SELECT count(*)::int AS n FROM iap_operation WHERE account_id = $1`, [account.id])).rows[0].n
    checks.equal("ours: idempotency records = mutations", opRows, ourCount + 1)
    const sent = usageStatements.length === 1 ? "" : `; each try sent ${JSON.stringify(flatProfile.all)}`
    checks.equal(`usage charges: one statement each (cached rate card${sent})`, usageStatements.length, 1)
    const usageRows = (await db.query(
      `SELECT count(*) FILTER (WHERE usage->>'metric' = 'sms_part')::int AS flat, count(*) FILTER (WHERE usage->>'metric' = 'token')::int AS tiered,
         count(*) FILTER (WHERE rate_version = 1 AND rate_id IS NOT NULL)::int AS priced
       FROM iap_transaction WHERE account_id = $1 AND usage IS NOT NULL`, [account.id])).rows[0]
    checks.equal("usage charges: flat ledger rows = flat charges", usageRows.flat, usageCount.flat)
    checks.equal("usage charges: tiered ledger rows = tiered charges", usageRows.tiered, usageCount.tiered)
    checks.equal("usage charges: every usage row carries its rate", usageRows.priced, usageCount.flat + usageCount.tiered)
    const counted = Object.fromEntries((await db.query(`SELECT metric, coalesce(sum(quantity), 0)::int AS q FROM iap_usage_month WHERE account_id = $1 GROUP BY metric`,
      [account.id])).rows.map((r) => [r.metric, r.q]))
    checks.equal("usage charges: monthly counter = flat charges", counted.sms_part, usageCount.flat)
    checks.equal("usage charges: monthly counter = tiered charges", counted.token, usageCount.tiered)
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
