// Scenarios 3 and 4 — HTTP: the provider API `POST /iap/v1/charge` under autocannon (16
// connections), next to a trivial GET route of the same app (the plugin's /iap/v1/health, same
// router and middleware stack, so the ratio is Medusa's own overhead vs our work), and the peak
// memory of the app process while it serves them.
const autocannon = require("autocannon")
const path = require("path")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, bootModules } = require("../lib/modules")
const { startApp, medusaRun, appEnv, request, tail } = require("../lib/app")
const { round, Checks } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")
const fs = require("fs")
const os = require("os")

const DB = "iap_bench_http"
const INITIAL = 100_000_000
const CONNECTIONS = 16

const plan = (quick) => ({ connections: CONNECTIONS, warmup_s: quick ? 1 : 3, duration_s: quick ? 3 : 10 })

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

/** autocannon on POST /iap/v1/charge with a fresh idempotency key per request. */
async function chargeLoad({ port, key, token, seconds, tag }) {
  const sent = new Set()
  const ok = new Set()
  const failures = []
  let n = 0
  const res = await cannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: "POST",
        path: "/iap/v1/charge",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
        setupRequest(req, context) {
          const idempotency_key = `http-${tag}-${++n}`
          context.key = idempotency_key
          sent.add(idempotency_key)
          return { ...req, body: JSON.stringify({ account_token: token, credits: 1, idempotency_key }) }
        },
        onResponse(status, body, context) {
          if (status === 200) ok.add(context.key)
          else if (failures.length < 5) failures.push(`${status} ${String(body).slice(0, 200)}`)
        },
      },
    ],
  })
  return { res, sent, ok, failures }
}

async function getLoad({ port, urlPath, seconds }) {
  return cannon({ url: `http://127.0.0.1:${port}${urlPath}`, connections: CONNECTIONS, duration: seconds })
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

    // Seed with the built module on the app's database: a third-party service (its key) and an
    // account (its token) with a big balance.
    const mods = await bootModules({ clientUrl: url, poolMax: 4, modules: { iap: { resolve: IAP_BUILT } } })
    let key, token, accountId
    try {
      const iap = mods.services.iap
      const created = await iap.createService({ technical_name: "bench_http", name: "Bench HTTP", provider_type: "third_party" })
      const acc = await iap.createAccount({ service_id: created.service.id })
      await iap.grantCredits({ account_id: acc.account.id, amount: INITIAL, idempotency_key: "bench-initial" })
      key = created.key
      token = acc.token
      accountId = acc.account.id
    } finally {
      await mods.shutdown()
    }
    if (!key || !token) throw new Error("seeding returned no service key or account token")

    app = await startApp({ databaseUrl: url, log })
    const { port, sampler } = app
    const checks = new Checks("http")
    db = await connect(url)

    // The route must exist and charge: one request, then its replay.
    const auth = { authorization: `Bearer ${key}` }
    const first = await request(port, "POST", "/iap/v1/charge", { headers: auth, body: { account_token: token, credits: 1, idempotency_key: "http-probe" } })
    if (first.status === 404) {
      throw new Error("POST /iap/v1/charge answered 404: the provider API charge route does not exist (src/api/iap/v1/charge)")
    }
    if (first.status !== 200) throw new Error(`POST /iap/v1/charge answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
    const replay = await request(port, "POST", "/iap/v1/charge", { headers: auth, body: { account_token: token, credits: 1, idempotency_key: "http-probe" } })
    checks.equal("probe charge: replayed = false", first.body.replayed, false)
    checks.equal("probe replay: status 200", replay.status, 200)
    checks.equal("probe replay: replayed = true", replay.body && replay.body.replayed, true)
    const trivial = await request(port, "GET", "/iap/v1/health")
    checks.equal("GET /iap/v1/health: 200", trivial.status, 200)
    let charges = 1

    sampler.window("idle")
    const idleRssKb = sampler.rssNowKb()

    const runs = {}
    t = Date.now()
    sampler.window("charge")
    const warm = await chargeLoad({ port, key, token, seconds: p.warmup_s, tag: "warm" })
    const main = await chargeLoad({ port, key, token, seconds: p.duration_s, tag: "main" })
    sampler.window("trivial")
    await getLoad({ port, urlPath: "/iap/v1/health", seconds: p.warmup_s })
    const health = await getLoad({ port, urlPath: "/iap/v1/health", seconds: p.duration_s })
    const medusaHealth = await getLoad({ port, urlPath: "/health", seconds: p.duration_s })
    sampler.window("after")
    // Requests cut off when a run's time was up may still be finishing in the app.
    await new Promise((r) => setTimeout(r, 1500))

    runs.charge = summary(main.res)
    runs.iap_health = summary(health)
    runs.medusa_health = summary(medusaHealth)
    log(`charge: ${runs.charge.req_per_s} req/s (p50 ${runs.charge.p50_ms} ms, p99 ${runs.charge.p99_ms} ms) | ` +
      `GET /iap/v1/health: ${runs.iap_health.req_per_s} req/s | GET /health: ${runs.medusa_health.req_per_s} req/s`)

    for (const [name, load] of [["warm-up charge", warm], ["charge", main]]) {
      const r = load.res
      checks.equal(`${name}: non-2xx responses`, r.non2xx, 0)
      checks.equal(`${name}: errors`, r.errors, 0)
      checks.equal(`${name}: timeouts`, r.timeouts, 0)
      checks.equal(`${name}: 2xx responses = keys answered 200`, r["2xx"], load.ok.size)
      if (load.failures.length) checks.truthy(`${name}: failed responses`, false, load.failures.join(" | "))
      const keys = (await db.query(`SELECT idempotency_key FROM iap_transaction WHERE account_id = $1 AND type = 'debit' AND idempotency_key LIKE $2`,
        [accountId, `http-${name === "charge" ? "main" : "warm"}-%`])).rows.map((r) => r.idempotency_key)
      const inDb = new Set(keys)
      const missing = [...load.ok].filter((k) => !inDb.has(k))
      const unknown = keys.filter((k) => !load.sent.has(k))
      checks.equal(`${name}: answered charges missing from the ledger`, missing.length, 0)
      checks.equal(`${name}: ledger debits never sent`, unknown.length, 0)
      checks.equal(`${name}: one debit row per key`, keys.length, inDb.size)
      // A request still in flight when autocannon stops is charged without its answer being counted.
      checks.truthy(`${name}: debits without a counted answer ≤ connections`, keys.length - load.ok.size <= CONNECTIONS && keys.length >= load.ok.size,
        `${keys.length - load.ok.size}`)
      charges += keys.length
    }
    for (const [name, r] of [["GET /iap/v1/health", health], ["GET /health", medusaHealth]]) {
      checks.equal(`${name}: non-2xx responses`, r.non2xx, 0)
      checks.equal(`${name}: errors`, r.errors, 0)
    }
    await checkLedger(checks, db, accountId, { balance: INITIAL - charges, debits: charges, label: "ledger" })

    const mem = sampler.report()
    const checked = checks.assertAll()
    passed = true
    const kbToMb = (kb) => round(kb / 1024, 1)
    return {
      database: DB,
      plan: p,
      boot_seconds: round(app.bootSeconds, 1),
      runs,
      ratio_charge_over_trivial: round(runs.charge.req_per_s / runs.iap_health.req_per_s, 3),
      memory: {
        rss_idle_mb: kbToMb(idleRssKb),
        rss_peak_charge_mb: kbToMb(mem.windows.charge.max_rss_kb),
        rss_peak_trivial_mb: kbToMb(mem.windows.trivial.max_rss_kb),
        vm_hwm_mb: kbToMb(mem.vm_hwm_kb),
        samples: mem.windows.charge.samples + mem.windows.trivial.samples,
      },
      charges_in_ledger: charges,
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
