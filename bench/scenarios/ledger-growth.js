// Scenario 2 — ledger growth: debit latency with 1k, 10k and 100k earlier transactions on the
// account, ours (the built module's debitCredits) next to @medusajs/loyalty-plugin's store-credit
// debitAccounts, in one database. History is seeded with SQL (generate_series) in the shape real
// use leaves: lots of 100 credits granted and drawn to 0 (1 grant + 100 debits each), plus single
// debits from the live lot, keeping balance = ledger sum = Σ lot remaining.
const path = require("path")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, STORE_CREDIT_BUILT, migrate, bootModules } = require("../lib/modules")
const { summarize, runConcurrent, round, spread, Checks, percentile } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")

const DB = "iap_bench_growth"
const LEVELS = [1_000, 10_000, 100_000]
const INITIAL = 10_000_000
const BLOCK = 100 // credits per seeded lot, drawn down by BLOCK debits of 1

// Each level runs `rounds` interleaved rounds (loyalty, ours, ours at 1k — the order rotates): a
// round gives its p50 ratios, and a level's ratio is their median (min–max). "Ours at 1k" is a
// second account of ours kept at the first level's history, measured in the same rounds, so the
// growth ratio (p50 at this level / p50 at 1k) compares runs seconds apart, not minutes apart.
const plan = (quick) => ({ warmup: quick ? 10 : 30, debits: quick ? 45 : 500, rounds: quick ? 3 : 5 })

const raw = (v) => `jsonb_build_object('value', (${v})::text, 'precision', 20)`

/** Tops our account's history up to `target` ledger rows; returns the single debits taken from the live lot. */
async function seedOurs(db, { accountId, liveLotId, target, tag }) {
  const n = (await db.query(`SELECT count(*)::int AS n FROM iap_transaction WHERE account_id = $1`, [accountId])).rows[0].n
  const need = target - n
  if (need < 0) throw new Error(`ours already has ${n} transactions, more than ${target}`)
  const blocks = Math.floor(need / (BLOCK + 1))
  const rest = need - blocks * (BLOCK + 1)
  const balance = BigInt((await db.query(`SELECT trim_scale(balance)::text AS b FROM iap_account WHERE id = $1`, [accountId])).rows[0].b)
  await db.query("BEGIN")
  try {
    if (blocks) {
      const args = [accountId, blocks, tag, String(balance)]
      await db.query(`INSERT INTO iap_credit_lot (id, account_id, source_type, category, initial_amount, raw_initial_amount, remaining,
          raw_remaining, reserved, raw_reserved, status, created_at, updated_at)
        SELECT 'iaplot_seed' || $3 || '_' || g, $1, 'grant', 'promotional', ${BLOCK}, ${raw(BLOCK)}, 0, ${raw(0)}, 0, ${raw(0)},
          'available', now() - interval '400 days' + g * interval '1 minute', now()
        FROM generate_series(1, $2::int) g`, args.slice(0, 3))
      // One grant (+BLOCK) then BLOCK debits (−1) per lot: d = 0 is the grant.
      await db.query(`INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after,
          reference_type, reference_id, idempotency_key, request_hash, description, created_at, updated_at)
        SELECT 'iaptx_seed' || $3 || '_' || g || '_' || d, $1, CASE WHEN d = 0 THEN 'grant' ELSE 'debit' END,
          CASE WHEN d = 0 THEN ${BLOCK} ELSE -1 END, ${raw(`CASE WHEN d = 0 THEN ${BLOCK} ELSE -1 END`)},
          $4::numeric + ${BLOCK} - d, ${raw(`$4::numeric + ${BLOCK} - d`)},
          CASE WHEN d = 0 THEN 'lot' END, CASE WHEN d = 0 THEN 'iaplot_seed' || $3 || '_' || g END,
          'seed' || $3 || '-' || g || '-' || d, 'seeded', 'Seeded history',
          now() - interval '400 days' + g * interval '1 minute' + d * interval '100 ms', now()
        FROM generate_series(1, $2::int) g, generate_series(0, ${BLOCK}) d`, args)
      await db.query(`INSERT INTO iap_transaction_lot (id, transaction_id, lot_id, amount, raw_amount, created_at, updated_at)
        SELECT 'iaptxl_seed' || $2 || '_' || g || '_' || d, 'iaptx_seed' || $2 || '_' || g || '_' || d, 'iaplot_seed' || $2 || '_' || g,
          CASE WHEN d = 0 THEN ${BLOCK} ELSE -1 END, ${raw(`CASE WHEN d = 0 THEN ${BLOCK} ELSE -1 END`)}, now(), now()
        FROM generate_series(1, $1::int) g, generate_series(0, ${BLOCK}) d`, [blocks, tag])
      await db.query(`INSERT INTO iap_operation (id, account_id, idempotency_key, operation, request_hash, result, created_at, updated_at)
        SELECT 'iapop_seed' || $3 || '_' || g || '_' || d, $1, 'seed' || $3 || '-' || g || '-' || d,
          CASE WHEN d = 0 THEN 'grant' ELSE 'debit' END, 'seeded', '{"seeded": true}'::jsonb, now(), now()
        FROM generate_series(1, $2::int) g, generate_series(0, ${BLOCK}) d`, args.slice(0, 3))
    }
    if (rest) {
      const args = [accountId, rest, tag, String(balance), liveLotId]
      await db.query(`INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after,
          idempotency_key, request_hash, created_at, updated_at)
        SELECT 'iaptx_seed' || $3 || '_r' || g, $1, 'debit', -1, ${raw(-1)}, $4::numeric - g, ${raw("$4::numeric - g")},
          'seed' || $3 || '-r' || g, 'seeded', now() - interval '1 day' + g * interval '1 ms', now()
        FROM generate_series(1, $2::int) g`, args.slice(0, 4))
      await db.query(`INSERT INTO iap_transaction_lot (id, transaction_id, lot_id, amount, raw_amount, created_at, updated_at)
        SELECT 'iaptxl_seed' || $2 || '_r' || g, 'iaptx_seed' || $2 || '_r' || g, $3, -1, ${raw(-1)}, now(), now()
        FROM generate_series(1, $1::int) g`, [rest, tag, liveLotId])
      await db.query(`INSERT INTO iap_operation (id, account_id, idempotency_key, operation, request_hash, result, created_at, updated_at)
        SELECT 'iapop_seed' || $3 || '_r' || g, $1, 'seed' || $3 || '-r' || g, 'debit', 'seeded', '{"seeded": true}'::jsonb, now(), now()
        FROM generate_series(1, $2::int) g`, args.slice(0, 3))
      await db.query(`UPDATE iap_credit_lot SET remaining = remaining - $2, raw_remaining = ${raw("remaining - $2")} WHERE id = $1`, [liveLotId, rest])
      await db.query(`UPDATE iap_account SET balance = balance - $2, raw_balance = ${raw("balance - $2")} WHERE id = $1`, [accountId, rest])
    }
    await db.query("COMMIT")
  } catch (e) {
    await db.query("ROLLBACK")
    throw e
  }
  return { debits: blocks * BLOCK + rest, rest }
}

/** Tops the loyalty account's history up to `target` rows (same shape: credit of BLOCK + BLOCK debits, then single debits). */
async function seedLoyalty(db, { accountId, target, tag }) {
  const n = (await db.query(`SELECT count(*)::int AS n FROM store_credit_account_transaction WHERE account_id = $1`, [accountId])).rows[0].n
  const need = target - n
  if (need < 0) throw new Error(`loyalty already has ${n} transactions, more than ${target}`)
  const blocks = Math.floor(need / (BLOCK + 1))
  const rest = need - blocks * (BLOCK + 1)
  await db.query(`INSERT INTO store_credit_account_transaction (id, account_id, type, amount, raw_amount, reference, reference_id, created_at, updated_at)
    SELECT 'sc_trx_seed' || $3 || '_' || g || '_' || d, $1, CASE WHEN d = 0 THEN 'credit' ELSE 'debit' END,
      CASE WHEN d = 0 THEN ${BLOCK} ELSE 1 END, ${raw(`CASE WHEN d = 0 THEN ${BLOCK} ELSE 1 END`)}, 'bench', 'seed' || $3 || '-' || g || '-' || d,
      now() - interval '400 days' + g * interval '1 minute' + d * interval '100 ms', now()
    FROM generate_series(1, $2::int) g, generate_series(0, ${BLOCK}) d`, [accountId, blocks, tag])
  await db.query(`INSERT INTO store_credit_account_transaction (id, account_id, type, amount, raw_amount, reference, reference_id, created_at, updated_at)
    SELECT 'sc_trx_seed' || $3 || '_r' || g, $1, 'debit', 1, ${raw(1)}, 'bench', 'seed' || $3 || '-r' || g,
      now() - interval '1 day' + g * interval '1 ms', now()
    FROM generate_series(1, $2::int) g`, [accountId, rest, tag])
  return { debits: blocks * BLOCK + rest, rest }
}

async function run({ env, quick, log }) {
  const p = plan(quick)
  const url = await freshDatabase(env, DB)
  let app = null
  let db = null
  try {
    await migrate(url, path.join(IAP_BUILT, "migrations"))
    await migrate(url, path.join(STORE_CREDIT_BUILT, "migrations"))
    db = await connect(url)
    app = await bootModules({
      clientUrl: url,
      poolMax: 10,
      modules: { iap: { resolve: IAP_BUILT }, store_credit: { resolve: STORE_CREDIT_BUILT } },
    })
    const { iap, store_credit: loyalty } = app.services

    const { service } = await iap.createService({ technical_name: "bench_growth", name: "Bench ledger growth" })
    const { account } = await iap.createAccount({ service_id: service.id })
    const { lot } = await iap.grantCredits({ account_id: account.id, amount: INITIAL, idempotency_key: "bench-initial" })
    const [scAccount] = await loyalty.createStoreCreditAccounts([{ currency_code: "usd", customer_id: "cus_bench" }])
    await loyalty.creditAccounts([{ account_id: scAccount.id, amount: INITIAL, reference: "bench", reference_id: "initial" }])

    const control = (await iap.createAccount({ service_id: service.id, customer_id: "cus_bench_control" })).account
    const controlLot = (await iap.grantCredits({ account_id: control.id, amount: INITIAL, idempotency_key: "bench-initial" })).lot
    const sc = await seedOurs(db, { accountId: control.id, liveLotId: controlLot.id, target: LEVELS[0], tag: "ctl" })
    let controlDebits = sc.debits
    let controlLiveDraws = sc.rest

    // What the checks expect at the end.
    let ourDebits = 0
    let ourLiveDraws = 0
    let scDebits = 0
    let scLiveDraws = 0

    const ours = (tag) => (i) => iap.debitCredits({ account_id: account.id, amount: 1, idempotency_key: `growth-${tag}-${i}` })
    const oursAt1k = (tag) => (i) => iap.debitCredits({ account_id: control.id, amount: 1, idempotency_key: `growth-ctl-${tag}-${i}` })
    const theirs = (tag) => (i) =>
      loyalty.debitAccounts([{ account_id: scAccount.id, amount: 1, reference: "bench", reference_id: `growth-${tag}-${i}` }])

    const levels = []
    for (const target of LEVELS) {
      const t0 = Date.now()
      const so = await seedOurs(db, { accountId: account.id, liveLotId: lot.id, target, tag: `l${target}` })
      const sl = await seedLoyalty(db, { accountId: scAccount.id, target, tag: `l${target}` })
      ourDebits += so.debits
      ourLiveDraws += so.rest
      scDebits += sl.debits
      scLiveDraws += sl.rest
      // A live database has statistics and visibility maps; give both sides the same.
      await db.query(`VACUUM ANALYZE iap_transaction, iap_transaction_lot, iap_operation, iap_credit_lot, iap_account,
        store_credit_account_transaction, store_credit_account`)
      const counts = (await db.query(`SELECT (SELECT count(*)::int FROM iap_transaction WHERE account_id = $1) AS ours,
        (SELECT count(*)::int FROM store_credit_account_transaction WHERE account_id = $2) AS theirs`, [account.id, scAccount.id])).rows[0]
      log(`seeded to ${target} earlier transactions in ${Date.now() - t0} ms (ours ${counts.ours}, loyalty ${counts.theirs})`)

      const wo = await runConcurrent({ total: p.warmup, concurrency: 1, fn: ours(`warm-${target}`) })
      const wl = await runConcurrent({ total: p.warmup, concurrency: 1, fn: theirs(`warm-${target}`) })
      const wc = await runConcurrent({ total: p.warmup, concurrency: 1, fn: oursAt1k(`warm-${target}`) })
      const acc = {
        ours: { lat: [], wall: 0, errors: [...wo.errors] },
        loyalty: { lat: [], wall: 0, errors: [...wl.errors] },
        control: { lat: [], wall: 0, errors: [...wc.errors] },
      }
      ourDebits += wo.latencies.length
      ourLiveDraws += wo.latencies.length
      scDebits += wl.latencies.length
      scLiveDraws += wl.latencies.length
      controlDebits += wc.latencies.length
      controlLiveDraws += wc.latencies.length
      const per = Math.ceil(p.debits / p.rounds)
      const sides = { loyalty: theirs, ours, control: oursAt1k }
      const names = Object.keys(sides)
      const roundRatios = { loyalty_over_ours: [], ours_over_1k: [] }
      for (let r = 0; r < p.rounds; r++) {
        const got = {}
        for (const k of names.map((_, i) => names[(i + r) % names.length])) got[k] = await runConcurrent({ total: per, concurrency: 1, fn: sides[k](`${target}-r${r}`) })
        for (const [k, res] of Object.entries(got)) {
          acc[k].lat.push(...res.latencies)
          acc[k].wall += res.wallMs
          acc[k].errors.push(...res.errors)
        }
        const p50 = (k) => percentile([...got[k].latencies].sort((a, b) => a - b), 50)
        roundRatios.loyalty_over_ours.push(p50("loyalty") / p50("ours"))
        roundRatios.ours_over_1k.push(p50("ours") / p50("control"))
      }
      for (const k of names) {
        if (acc[k].errors.length) throw new Error(`ledger growth ${target}, ${k}: ${acc[k].errors.length} debit(s) failed, first: ${acc[k].errors[0].message}`)
      }
      ourDebits += acc.ours.lat.length
      ourLiveDraws += acc.ours.lat.length
      scDebits += acc.loyalty.lat.length
      scLiveDraws += acc.loyalty.lat.length
      controlDebits += acc.control.lat.length
      controlLiveDraws += acc.control.lat.length
      const o = summarize(acc.ours.lat, acc.ours.wall)
      const l = summarize(acc.loyalty.lat, acc.loyalty.wall)
      const c = summarize(acc.control.lat, acc.control.wall)
      const vsLoyalty = spread(roundRatios.loyalty_over_ours, 2)
      const growth = spread(roundRatios.ours_over_1k, 2)
      log(`${target}: ours p50 ${o.p50_ms} ms p99 ${o.p99_ms} ms | ours at 1k p50 ${c.p50_ms} ms | loyalty p50 ${l.p50_ms} ms p99 ${l.p99_ms} ms | ` +
        `growth median ${growth.median} (${growth.min}–${growth.max}), loyalty/ours median ${vsLoyalty.median} (${vsLoyalty.min}–${vsLoyalty.max})`)
      levels.push({ earlier_transactions: target, history: counts, ours: o, loyalty: l, ours_at_1k: c, loyalty_over_ours_p50: vsLoyalty.median, loyalty_over_ours_spread: vsLoyalty, ours_over_1k_p50: growth.median, ours_over_1k_spread: growth })
    }

    const checks = new Checks("ledger growth")
    await checkLedger(checks, db, account.id, { balance: INITIAL - ourLiveDraws, debits: ourDebits, label: "ours" })
    await checkLedger(checks, db, control.id, { balance: INITIAL - controlLiveDraws, debits: controlDebits, label: "ours at 1k" })
    const stats = await loyalty.retrieveAccountStats({ account_id: scAccount.id })
    const scRows = (await db.query(`SELECT count(*)::int AS n FROM store_credit_account_transaction WHERE account_id = $1 AND type = 'debit'`,
      [scAccount.id])).rows[0]
    checks.equal("loyalty: debit rows = successful debits", scRows.n, scDebits)
    checks.equal("loyalty: balance = expected", stats.balance, INITIAL - scLiveDraws)
    const passed = checks.assertAll()

    const first = levels[0]
    const last = levels[levels.length - 1]
    return {
      database: DB,
      plan: p,
      levels,
      growth: {
        ours_last_over_first_p50: round(last.ours.p50_ms / first.ours.p50_ms, 2),
        // The target: at the last level, ours / ours at 1k in the same rounds (median, min–max).
        ours_last_over_1k: last.ours_over_1k_spread,
        loyalty_last_over_first_p50: round(last.loyalty.p50_ms / first.loyalty.p50_ms, 2),
      },
      checks: passed,
    }
  } finally {
    if (db) await db.end().catch(() => {})
    if (app) await app.shutdown().catch(() => {})
    await dropDatabase(env, DB).catch((e) => log(`could not drop ${DB}: ${e.message}`))
  }
}

if (require.main === module) scenarioMain("ledger-growth", run)
module.exports = { run, seedOurs, seedLoyalty }
