// Scenario 4 — footprint: what the plugin adds to a bare Medusa app. One throw-away project (a
// package.json, medusa-config.js and a link to this repo's node_modules) boots either with no
// plugin or with this plugin as an installed app would load it (`plugins: [<repo root>]`, i.e. the
// BUILT plugin in .medusa/server: module, routes, subscribers, workflows, jobs). In ≥ 3
// repetitions, the two alternating, each app is booted, measured (boot time to GET /health = 200,
// RSS after boot, each RSS read after a full garbage collection: bench/lib/gc-on-signal.js),
// loaded with N requests (plugin: POST /iap/v1/charge, bare: GET /health — the
// same number of requests through the same HTTP stack, at the same fixed rate: RSS after a burst
// is mostly the heap the burst's garbage grew, which follows the request rate, not what the app
// keeps), measured again (RSS) and stopped.
const autocannon = require("autocannon")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, bootModules } = require("../lib/modules")
const { startApp, medusaRun, appEnv, tail, memoryOf, ROOT } = require("../lib/app")
const { round, spread, Checks } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")

const DB = "iap_bench_footprint"
const INITIAL = 100_000_000
const CONNECTIONS = 16
const GC_ON_SIGNAL = path.join(__dirname, "..", "lib", "gc-on-signal.js")

/** RSS (kB) of the app after a full garbage collection (bench/lib/gc-on-signal.js), once it has settled. */
async function rssAfterGc(pid) {
  process.kill(pid, "SIGUSR2")
  await sleep(1500)
  return memoryOf(pid).rss
}

/** Requests per second of both loads: below what either app serves, so both run at it. */
const RATE = 300

// Quick (CI) boots each app once: it checks that both boot and the charges are right; the full run
// reports medians of 3.
const plan = (quick) => ({ repetitions: quick ? 1 : 3, requests: quick ? 1000 : 10_000, settle_s: quick ? 1 : 2 })

const CONFIG = `// Written by bench/scenarios/footprint.js: a bare Medusa app, with the plugin when BENCH_WITH_PLUGIN=true.
const { defineConfig } = require("@medusajs/framework/utils")
module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: { jwtSecret: "bench", cookieSecret: "bench", storeCors: "", adminCors: "", authCors: "" },
  },
  admin: { disable: true },
  plugins: process.env.BENCH_WITH_PLUGIN === "true" ? [{ resolve: ${JSON.stringify(ROOT)}, options: {} }] : [],
})
`

function bareProject() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iap-bench-bare-"))
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
    name: "iap-bench-bare", private: true, version: "0.0.0",
    dependencies: { "@medusajs/medusa": "2.21.2", "@medusajs/framework": "2.21.2" },
  }, null, 2))
  fs.writeFileSync(path.join(dir, "medusa-config.js"), CONFIG)
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"))
  return dir
}

const cannon = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function run({ env, quick, log }) {
  const p = plan(quick)
  const url = await freshDatabase(env, DB)
  const dir = bareProject()
  const migrateLog = path.join(os.tmpdir(), `iap-bench-footprint-migrate-${process.pid}.log`)
  let db = null
  let app = null
  let passed = false
  try {
    const t = Date.now()
    await medusaRun(["db:migrate"], { ...appEnv(url, 0), BENCH_WITH_PLUGIN: "true" }, migrateLog, { cwd: dir })
    log(`medusa db:migrate (bare app + plugin) in ${((Date.now() - t) / 1000).toFixed(1)} s`)
    const mods = await bootModules({ clientUrl: url, poolMax: 4, modules: { iap: { resolve: IAP_BUILT } } })
    let key, token, accountId
    try {
      const iap = mods.services.iap
      const created = await iap.createService({ technical_name: "bench_footprint", name: "Bench footprint", provider_type: "third_party" })
      const acc = await iap.createAccount({ service_id: created.service.id })
      await iap.grantCredits({ account_id: acc.account.id, amount: INITIAL, idempotency_key: "bench-initial" })
      key = created.key
      token = acc.token
      accountId = acc.account.id
    } finally {
      await mods.shutdown()
    }
    db = await connect(url)
    const checks = new Checks("footprint")

    const samples = { bare: [], plugin: [] }
    let charged = 0
    for (let r = 0; r < p.repetitions; r++) {
      for (const kind of r % 2 === 0 ? ["bare", "plugin"] : ["plugin", "bare"]) {
        app = await startApp({
          databaseUrl: url, log, cwd: dir, name: `footprint-${kind}`,
          env: { BENCH_WITH_PLUGIN: kind === "plugin" ? "true" : "false", NODE_OPTIONS: `--require ${GC_ON_SIGNAL}` },
        })
        await sleep(p.settle_s * 1000)
        const rssBoot = await rssAfterGc(app.pid)
        let n = 0
        const res = kind === "plugin"
          ? await cannon({
              url: `http://127.0.0.1:${app.port}`, connections: CONNECTIONS, amount: p.requests, overallRate: RATE,
              requests: [{
                method: "POST", path: "/iap/v1/charge",
                headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
                setupRequest: (req) => ({ ...req, body: JSON.stringify({ account_token: token, credits: 1, idempotency_key: `fp-r${r}-${n++}` }) }),
              }],
            })
          : await cannon({ url: `http://127.0.0.1:${app.port}/health`, connections: CONNECTIONS, amount: p.requests, overallRate: RATE })
        await sleep(p.settle_s * 1000)
        const rssLoad = await rssAfterGc(app.pid)
        checks.equal(`${kind} r${r}: 2xx = requests`, res["2xx"], p.requests)
        checks.equal(`${kind} r${r}: errors`, res.errors, 0)
        if (kind === "plugin") charged += res["2xx"]
        samples[kind].push({ boot_s: app.bootSeconds, rss_boot_mb: rssBoot / 1024, rss_after_load_mb: rssLoad / 1024, req_per_s: res.requests.total / res.duration })
        log(`${kind} r${r}: boot ${app.bootSeconds.toFixed(1)} s, RSS ${(rssBoot / 1024).toFixed(0)} MB after boot, ${(rssLoad / 1024).toFixed(0)} MB after ${p.requests} requests`)
        await app.stop()
        fs.rmSync(app.logFile, { force: true })
        app = null
      }
    }
    const bareHealth = (await db.query(`SELECT count(*)::int AS n FROM iap_transaction WHERE account_id = $1 AND type = 'debit'`, [accountId])).rows[0].n
    checks.equal("plugin: charges in the ledger = charges answered", bareHealth, charged)
    await checkLedger(checks, db, accountId, { balance: INITIAL - charged, debits: charged, label: "plugin app" })
    const checked = checks.assertAll()
    passed = true

    const keys = ["boot_s", "rss_boot_mb", "rss_after_load_mb"]
    const apps = {}
    for (const kind of ["bare", "plugin"]) {
      apps[kind] = { label: kind === "bare" ? `bare Medusa app (${p.requests} × GET /health)` : `with the plugin (${p.requests} × POST /iap/v1/charge)` }
      for (const k of keys) apps[kind][k] = spread(samples[kind].map((x) => x[k]), 1)
    }
    const added = Object.fromEntries(keys.map((k) => [k, spread(samples.plugin.map((x, i) => x[k] - samples.bare[i][k]), 1)]))
    return {
      database: DB,
      plan: p,
      description:
        `A throw-away Medusa project (package.json, medusa-config.js with the admin disabled, this repo's node_modules) booted ${p.repetitions} times bare and ` +
        `${p.repetitions} times with this plugin as an app installs it (\`plugins: [<repo>]\`, the built plugin), alternating. RSS of the server process, after a full garbage collection, ` +
        `${p.settle_s} s after GET /health first answers, and ${p.settle_s} s after ${p.requests} requests (16 connections, both at ${RATE} requests/s). "Added" is plugin − bare within a repetition.`,
      samples,
      apps,
      added,
      checks: checked,
    }
  } catch (e) {
    if (app) e.message += `\nlast lines of the app log (${app.logFile}):\n${tail(app.logFile, 30)}`
    throw e
  } finally {
    if (db) await db.end().catch(() => {})
    if (app) await app.stop().catch(() => {})
    if (passed) fs.rmSync(migrateLog, { force: true })
    fs.rmSync(dir, { recursive: true, force: true })
    await dropDatabase(env, DB).catch((e) => log(`could not drop ${DB}: ${e.message}`))
  }
}

if (require.main === module) scenarioMain("footprint", run)
module.exports = { run }
