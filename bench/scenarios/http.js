// Scenarios 3 and 4 — HTTP: the provider API under autocannon (16 connections) next to a trivial
// GET route of the same app (the plugin's /iap/v1/health, same router and middleware stack, so a
// ratio is Medusa's own overhead vs our work), and the peak memory of the app process.
//
// Routes, each run for the same time in every repetition, repetitions interleaved (trivial,
// charge, usage charges, authorize, capture, charges with auto-recharge set, trivial, …; after
// the trivial route, each repetition starts one route further along), each
// ratio taken within its repetition and reported as the median of the repetitions with min–max:
//   charge            POST /iap/v1/charge { credits: 1 }                    account A
//   usage_flat        POST /iap/v1/charge { usage: sms_part DE } (flat rate) account A
//   usage_tiered      POST /iap/v1/charge { usage: token } (graduated rate)  account A
//   authorize         POST /iap/v1/authorize { credits: 1 }                 account B
//   capture           POST /iap/v1/capture { hold_id, credits: 1 }          account B, the holds of this repetition's authorize run
//   charge_ar_armed   POST /iap/v1/charge { credits: 1 }                    account C: auto-recharge armed, trigger not crossed
//   charge_ar_crossed POST /iap/v1/charge { credits: 1 }                    account D: auto-recharge crossed once (below trigger, disarmed)
const autocannon = require("autocannon")
const path = require("path")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, bootModules } = require("../lib/modules")
const { startApp, medusaRun, appEnv, request, tail } = require("../lib/app")
const { round, spread, Checks } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")
const fs = require("fs")
const os = require("os")

const DB = "iap_bench_http"
const INITIAL = 100_000_000
const CONNECTIONS = 16

const plan = (quick) => ({ connections: CONNECTIONS, warmup_s: quick ? 1 : 2, duration_s: quick ? 1 : 2, repetitions: quick ? 3 : 9 })

function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon(opts, (err, res) => (err ? reject(err) : resolve(res)))
  })
}

const summary = (r) => ({
  requests: r.requests.total,
  ok_2xx: r["2xx"],
  non_2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  req_per_s: round(r.requests.total / r.duration, 1),
  p50_ms: r.latency.p50,
  p99_ms: r.latency.p99,
  mean_ms: round(r.latency.average),
  duration_s: round(r.duration, 2),
})

/**
 * autocannon on a provider route; `body(i)` makes each request's body (a fresh idempotency key
 * per request). Runs for `seconds`, or exactly `amount` requests when given. Keeps the keys sent,
 * the keys answered 200 and their answers (`keep`). A run of `amount` requests is timed from its
 * start to its last answer: autocannon hands its result over at its next one-second tick, so its
 * own `duration` would count the wait for that tick (up to a second) as time the route took.
 */
async function providerLoad({ port, key, route, seconds, amount, body, keep }) {
  const sent = new Set()
  const ok = new Set()
  const kept = []
  const failures = []
  let n = 0
  const started = Date.now()
  let lastAnswer = started
  const res = await cannon({
    url: `http://127.0.0.1:${port}`,
    // A fixed number of requests (capture) needs at least as many as connections.
    connections: amount !== undefined ? Math.max(1, Math.min(CONNECTIONS, amount)) : CONNECTIONS,
    ...(amount !== undefined ? { amount } : { duration: seconds }),
    requests: [
      {
        method: "POST",
        path: route,
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        setupRequest(req, context) {
          const b = body(n++)
          context.key = b.idempotency_key
          sent.add(b.idempotency_key)
          return { ...req, body: JSON.stringify(b) }
        },
        onResponse(status, text, context) {
          lastAnswer = Date.now()
          if (status === 200) {
            ok.add(context.key)
            if (keep) kept.push(keep(JSON.parse(text)))
          } else if (failures.length < 5) failures.push(`${status} ${String(text).slice(0, 200)}`)
        },
      },
    ],
  })
  if (amount !== undefined) res.duration = (lastAnswer - started) / 1000
  return { res, sent, ok, kept, failures }
}

async function getLoad({ port, urlPath, seconds }) {
  return cannon({ url: `http://127.0.0.1:${port}${urlPath}`, connections: CONNECTIONS, duration: seconds })
}

const ROUTES = ["charge", "usage_flat", "usage_tiered", "authorize", "capture", "charge_ar_armed", "charge_ar_crossed"]
const LABELS = {
  trivial: "GET /iap/v1/health (trivial, plugin router)",
  charge: "POST /iap/v1/charge { credits: 1 }",
  usage_flat: "POST /iap/v1/charge { usage } (flat rate)",
  usage_tiered: "POST /iap/v1/charge { usage } (graduated rate)",
  authorize: "POST /iap/v1/authorize { credits: 1 }",
  capture: "POST /iap/v1/capture { hold_id, credits: 1 }",
  charge_ar_armed: "POST /iap/v1/charge, auto-recharge armed (not crossed)",
  charge_ar_crossed: "POST /iap/v1/charge, auto-recharge crossed once (disarmed)",
}

async function seed(url) {
  const mods = await bootModules({ clientUrl: url, poolMax: 4, modules: { iap: { resolve: IAP_BUILT } } })
  try {
    const iap = mods.services.iap
    const created = await iap.createService({ technical_name: "bench_http", name: "Bench HTTP", provider_type: "third_party" })
    await iap.createRateVersion(created.service.id, {
      rates: [
        { metric: "sms_part", dimensions: { country: "DE" }, unit_credits: 1 },
        { metric: "token", dimensions: {}, tiers: [{ up_to: 1_000_000, unit_credits: 1 }, { up_to: null, unit_credits: 1 }] },
      ],
    })
    const accounts = {}
    for (const name of ["A", "B", "C", "D"]) {
      const acc = await iap.createAccount({ service_id: created.service.id, customer_id: `cus_bench_${name}` })
      await iap.grantCredits({ account_id: acc.account.id, amount: INITIAL, idempotency_key: `bench-initial-${name}` })
      accounts[name] = { id: acc.account.id, token: acc.token }
    }
    // Auto-recharge settings (their pack, variant and card are never used: no trigger fires).
    const settings = (trigger) => ({
      enabled: true, pack_id: "bench_pack", variant_id: "bench_variant", quantity: 1, trigger, region_id: "bench_region",
      currency_code: "eur", provider_id: "pp_card_card", account_holder_id: "bench_holder", payment_method_id: "bench_pm",
    })
    await iap.upsertAutoRecharge(accounts.C.id, settings(1))
    await iap.upsertAutoRecharge(accounts.D.id, settings(INITIAL * 10))
    return { key: created.key, accounts }
  } finally {
    await mods.shutdown()
  }
}

async function run({ env, quick, log }) {
  const p = plan(quick)
  const url = await freshDatabase(env, DB)
  const migrateLog = path.join(os.tmpdir(), `iap-bench-migrate-${process.pid}.log`)
  let app = null
  let db = null
  let passed = false
  try {
    let t = Date.now()
    await medusaRun(["db:migrate"], appEnv(url, 0), migrateLog)
    log(`medusa db:migrate on ${DB} in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    const { key, accounts } = await seed(url)
    if (!key || !accounts.A.token) throw new Error("seeding returned no service key or account token")
    db = await connect(url)
    // D crossed its trigger once already: below it and disarmed, as after a recharge attempt.
    await db.query(`UPDATE iap_auto_recharge SET armed = false WHERE account_id = $1`, [accounts.D.id])

    app = await startApp({ databaseUrl: url, log })
    const { port, sampler } = app
    const checks = new Checks("http")

    // The route must exist and charge: one request, then its replay.
    const auth = { authorization: `Bearer ${key}` }
    const probe = { account_token: accounts.A.token, credits: 1, idempotency_key: "http-probe" }
    const first = await request(port, "POST", "/iap/v1/charge", { headers: auth, body: probe })
    if (first.status === 404) {
      throw new Error("POST /iap/v1/charge answered 404: the provider API charge route does not exist (src/api/iap/v1/charge)")
    }
    if (first.status !== 200) throw new Error(`POST /iap/v1/charge answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
    const replay = await request(port, "POST", "/iap/v1/charge", { headers: auth, body: probe })
    checks.equal("probe charge: replayed = false", first.body.replayed, false)
    checks.equal("probe replay: status 200", replay.status, 200)
    checks.equal("probe replay: replayed = true", replay.body && replay.body.replayed, true)
    const trivialProbe = await request(port, "GET", "/iap/v1/health")
    checks.equal("GET /iap/v1/health: 200", trivialProbe.status, 200)
    const expected = { A: { debits: 1, usage: { sms_part: 0, token: 0 } }, B: { captures: 0 }, C: { debits: 0 }, D: { debits: 0 } }

    sampler.window("idle")
    const idleRssKb = sampler.rssNowKb()
    sampler.window("load")

    const chargeBody = (acc, tag, extra) => (i) => ({ account_token: accounts[acc].token, idempotency_key: `http-${tag}-${i}`, ...extra })
    const runOne = async (name, tag, seconds, holds) => {
      switch (name) {
        case "trivial":
          return { res: await getLoad({ port, urlPath: "/iap/v1/health", seconds }) }
        case "charge":
          return providerLoad({ port, key, route: "/iap/v1/charge", seconds, body: chargeBody("A", `charge-${tag}`, { credits: 1 }) })
        case "usage_flat":
          return providerLoad({ port, key, route: "/iap/v1/charge", seconds,
            body: chargeBody("A", `flat-${tag}`, { usage: { metric: "sms_part", quantity: 1, dimensions: { country: "DE" } } }) })
        case "usage_tiered":
          return providerLoad({ port, key, route: "/iap/v1/charge", seconds, body: chargeBody("A", `tiered-${tag}`, { usage: { metric: "token", quantity: 1 } }) })
        case "authorize":
          return providerLoad({ port, key, route: "/iap/v1/authorize", seconds, body: chargeBody("B", `auth-${tag}`, { credits: 1 }), keep: (b) => b.hold.id })
        case "capture":
          // Exactly the holds this repetition authorized, each captured once.
          if (!holds.length) throw new Error(`capture (${tag}): the authorize run before it answered no hold`)
          return providerLoad({ port, key, route: "/iap/v1/capture", amount: holds.length,
            body: (i) => ({ account_token: accounts.B.token, hold_id: holds[i], credits: 1, idempotency_key: `http-cap-${tag}-${i}` }) })
        case "charge_ar_armed":
          return providerLoad({ port, key, route: "/iap/v1/charge", seconds, body: chargeBody("C", `ar-armed-${tag}`, { credits: 1 }) })
        case "charge_ar_crossed":
          return providerLoad({ port, key, route: "/iap/v1/charge", seconds, body: chargeBody("D", `ar-crossed-${tag}`, { credits: 1 }) })
      }
      throw new Error(`unknown route ${name}`)
    }

    // Every load's result, checked after the runs.
    const loads = []
    const sequence = ["trivial", ...ROUTES]
    // Each repetition runs the trivial route first, then the others rotated one step further
    // (capture stays right after the authorize whose holds it captures): the route that follows the
    // trivial one, the first POST after a run of GETs, changes every repetition.
    const units = ROUTES.reduce((u, name) => (name === "capture" ? u[u.length - 1].push(name) : u.push([name]), u), [])
    const rotated = (r) => ["trivial", ...[...units.slice(r % units.length), ...units.slice(0, r % units.length)].flat()]
    t = Date.now()
    for (const name of sequence) {
      const holds = name === "capture" ? loads.filter((l) => l.name === "authorize" && l.tag === "warm").flatMap((l) => l.load.kept) : null
      loads.push({ name, tag: "warm", load: await runOne(name, "warm", p.warmup_s, holds) })
    }
    const perRep = []
    for (let r = 0; r < p.repetitions; r++) {
      const got = {}
      for (const name of rotated(r)) {
        const holds = name === "capture" ? got.authorize.kept : null
        got[name] = await runOne(name, `r${r}`, p.duration_s, holds)
        loads.push({ name, tag: `r${r}`, load: got[name] })
      }
      perRep.push(Object.fromEntries(Object.entries(got).map(([k, v]) => [k, summary(v.res)])))
      const rates = perRep[r]
      log(`repetition ${r + 1}/${p.repetitions}: ` + sequence.map((k) => `${k} ${rates[k].req_per_s}/s`).join(" | "))
    }
    const medusaHealth = await getLoad({ port, urlPath: "/health", seconds: p.duration_s })
    sampler.window("after")
    // Requests cut off when a run's time was up may still be finishing in the app.
    await new Promise((r) => setTimeout(r, 1500))
    log(`runs took ${((Date.now() - t) / 1000).toFixed(0)} s`)

    // Ratios within each repetition: route req/s over the trivial route's; usage and
    // auto-recharge charges also as cost over a plain charge (plain req/s over theirs).
    const ratios = {}
    for (const name of ROUTES) ratios[`${name}_over_trivial`] = spread(perRep.map((x) => x[name].req_per_s / x.trivial.req_per_s))
    for (const name of ["usage_flat", "usage_tiered", "charge_ar_armed", "charge_ar_crossed"]) {
      ratios[`${name}_cost_over_charge`] = spread(perRep.map((x) => x.charge.req_per_s / x[name].req_per_s))
    }
    const median = (name) => {
      const all = perRep.map((x) => x[name])
      const mid = (k) => spread(all.map((s) => s[k])).median
      return { req_per_s: mid("req_per_s"), p50_ms: mid("p50_ms"), p99_ms: mid("p99_ms"), requests: all.reduce((s, x) => s + x.requests, 0), non_2xx: all.reduce((s, x) => s + x.non_2xx, 0) }
    }
    const runs = Object.fromEntries(sequence.map((k) => [k, median(k)]))
    runs.medusa_health = summary(medusaHealth)

    // Correctness of every load: nothing but 200s, every answered key written once, nothing unsent.
    const prefix = { charge: "charge", usage_flat: "flat", usage_tiered: "tiered", charge_ar_armed: "ar-armed", charge_ar_crossed: "ar-crossed", authorize: "auth", capture: "cap" }
    const account = { charge: "A", usage_flat: "A", usage_tiered: "A", charge_ar_armed: "C", charge_ar_crossed: "D", authorize: "B", capture: "B" }
    for (const { name, tag, load } of loads) {
      const label = `${name} (${tag})`
      const r = load.res
      checks.equal(`${label}: non-2xx responses`, r.non2xx, 0)
      checks.equal(`${label}: errors`, r.errors, 0)
      if (name === "trivial") continue
      checks.equal(`${label}: timeouts`, r.timeouts, 0)
      checks.equal(`${label}: 2xx responses = keys answered 200`, r["2xx"], load.ok.size)
      if (load.failures.length) checks.truthy(`${label}: failed responses`, false, load.failures.join(" | "))
      const like = `http-${prefix[name]}-${tag}-%`
      const keys = name === "authorize"
        ? (await db.query(`SELECT idempotency_key FROM iap_hold WHERE account_id = $1 AND idempotency_key LIKE $2`, [accounts.B.id, like])).rows
        : (await db.query(`SELECT idempotency_key FROM iap_transaction WHERE account_id = $1 AND idempotency_key LIKE $2`, [accounts[account[name]].id, like])).rows
      const inDb = new Set(keys.map((x) => x.idempotency_key))
      checks.equal(`${label}: answered requests missing from the ledger`, [...load.ok].filter((k) => !inDb.has(k)).length, 0)
      checks.equal(`${label}: ledger rows never sent`, [...inDb].filter((k) => !load.sent.has(k)).length, 0)
      checks.equal(`${label}: one row per key`, keys.length, inDb.size)
      // A request still in flight when autocannon stops is written without its answer being counted.
      checks.truthy(`${label}: rows without a counted answer ≤ connections`, keys.length - load.ok.size <= CONNECTIONS && keys.length >= load.ok.size,
        `${keys.length - load.ok.size}`)
      if (name === "capture") checks.equal(`${label}: every hold captured`, keys.length, load.sent.size)
      const acc = account[name]
      if (acc === "B") {
        if (name === "capture") expected.B.captures += keys.length
      } else {
        expected[acc].debits += keys.length
        if (name === "usage_flat") expected.A.usage.sms_part += keys.length
        if (name === "usage_tiered") expected.A.usage.token += keys.length
      }
    }
    for (const [name, r] of [["GET /health", medusaHealth]]) {
      checks.equal(`${name}: non-2xx responses`, r.non2xx, 0)
      checks.equal(`${name}: errors`, r.errors, 0)
    }
    // Holds whose authorization was cut off unanswered stay pending: cancel them (each ≤ connections per run).
    const pending = (await db.query(`SELECT id FROM iap_hold WHERE account_id = $1 AND status = 'pending'`, [accounts.B.id])).rows
    checks.truthy("authorize: pending holds left ≤ connections per run", pending.length <= CONNECTIONS * (p.repetitions + 1), `${pending.length}`)
    for (const [i, h] of pending.entries()) {
      const c = await request(port, "POST", "/iap/v1/cancel", { headers: auth, body: { account_token: accounts.B.token, hold_id: h.id, idempotency_key: `http-cancel-${i}` } })
      checks.equal(`cancel of a cut-off hold: 200`, c.status, 200)
    }
    await checkLedger(checks, db, accounts.A.id, { balance: INITIAL - expected.A.debits, debits: expected.A.debits, label: "account A (charge, usage)" })
    await checkLedger(checks, db, accounts.B.id, { balance: INITIAL - expected.B.captures, debits: 0, label: "account B (authorize, capture)" })
    const captures = (await db.query(`SELECT count(*)::int AS n FROM iap_transaction WHERE account_id = $1 AND type = 'capture'`, [accounts.B.id])).rows[0].n
    checks.equal("account B: capture rows = captures", captures, expected.B.captures)
    await checkLedger(checks, db, accounts.C.id, { balance: INITIAL - expected.C.debits, debits: expected.C.debits, label: "account C (auto-recharge armed)" })
    await checkLedger(checks, db, accounts.D.id, { balance: INITIAL - expected.D.debits, debits: expected.D.debits, label: "account D (auto-recharge crossed)" })
    const counters = Object.fromEntries((await db.query(`SELECT metric, sum(quantity)::int AS q FROM iap_usage_month WHERE account_id = $1 GROUP BY metric`,
      [accounts.A.id])).rows.map((x) => [x.metric, x.q]))
    checks.equal("usage: monthly counter sms_part = flat charges", counters.sms_part || 0, expected.A.usage.sms_part)
    checks.equal("usage: monthly counter token = tiered charges", counters.token || 0, expected.A.usage.token)
    const ar = (await db.query(`SELECT a.account_id, a.armed, (SELECT count(*)::int FROM iap_recharge r WHERE r.account_id = a.account_id) AS attempts
      FROM iap_auto_recharge a WHERE a.account_id = ANY($1)`, [[accounts.C.id, accounts.D.id]])).rows
    const arOf = (id) => ar.find((x) => x.account_id === id) || {}
    checks.equal("auto-recharge C: still armed", arOf(accounts.C.id).armed, true)
    checks.equal("auto-recharge C: no attempt", arOf(accounts.C.id).attempts, 0)
    checks.equal("auto-recharge D: still disarmed", arOf(accounts.D.id).armed, false)
    checks.equal("auto-recharge D: no new attempt", arOf(accounts.D.id).attempts, 0)

    const mem = sampler.report()
    const checked = checks.assertAll()
    passed = true
    const kbToMb = (kb) => round(kb / 1024, 1)
    return {
      database: DB,
      plan: p,
      boot_seconds: round(app.bootSeconds, 1),
      labels: LABELS,
      runs,
      repetitions: perRep,
      ratios,
      // Kept for comparison with earlier runs: the median charge / trivial ratio.
      ratio_charge_over_trivial: ratios.charge_over_trivial.median,
      memory: {
        rss_idle_mb: kbToMb(idleRssKb),
        rss_peak_load_mb: kbToMb(mem.windows.load.max_rss_kb),
        vm_hwm_mb: kbToMb(mem.vm_hwm_kb),
        samples: mem.windows.load.samples,
      },
      checks: checked,
    }
  } catch (e) {
    if (app) e.message += `\nlast lines of the app log (${app.logFile}):\n${tail(app.logFile, 30)}`
    throw e
  } finally {
    if (db) await db.end().catch(() => {})
    if (app) await app.stop().catch(() => {})
    // Logs are kept (and named in the error) only when something went wrong.
    if (passed) for (const f of [migrateLog, app && app.logFile]) if (f) fs.rmSync(f, { force: true })
    await dropDatabase(env, DB).catch((e) => log(`could not drop ${DB}: ${e.message}`))
  }
}

if (require.main === module) scenarioMain("http", run)
module.exports = { run }
