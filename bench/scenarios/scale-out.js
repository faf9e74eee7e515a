// Scenario 5 — scale-out, measured not promised: charge throughput of two app processes on one
// Postgres vs one, on different accounts. Two apps (`medusa start`, root medusa-config.ts) run on
// one database the whole time; in ≥ 3 repetitions, alternating, "one" sends 2 × 16 connections to
// app 1 (16 per account) and "two" sends 16 connections to each app (one account each): the same
// load, served by one process or by two. CPU time is read from /proc for the app processes and
// for the Postgres backends of this database, to say what bounds the throughput.
const autocannon = require("autocannon")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { freshDatabase, dropDatabase, connect } = require("../lib/pg")
const { IAP_BUILT, bootModules } = require("../lib/modules")
const { startApp, medusaRun, appEnv, tail, cpuMsOf, machineCpuMs } = require("../lib/app")
const { round, spread, Checks } = require("../lib/stats")
const { checkLedger } = require("../lib/ledger")
const { scenarioMain } = require("../lib/scenario")

const DB = "iap_bench_scale"
const INITIAL = 100_000_000
const CONNECTIONS = 16

const plan = (quick) => ({ repetitions: 3, warmup_s: quick ? 1 : 2, duration_s: quick ? 2 : 6 })

const cannon = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))))

async function run({ env, quick, log }) {
  const p = plan(quick)
  const url = await freshDatabase(env, DB)
  const migrateLog = path.join(os.tmpdir(), `iap-bench-scale-migrate-${process.pid}.log`)
  const apps = []
  let db = null
  let passed = false
  try {
    await medusaRun(["db:migrate"], appEnv(url, 0), migrateLog)
    const mods = await bootModules({ clientUrl: url, poolMax: 4, modules: { iap: { resolve: IAP_BUILT } } })
    let key
    const accounts = []
    try {
      const iap = mods.services.iap
      const created = await iap.createService({ technical_name: "bench_scale", name: "Bench scale-out", provider_type: "third_party" })
      key = created.key
      for (const n of [1, 2]) {
        const acc = await iap.createAccount({ service_id: created.service.id, customer_id: `cus_scale_${n}` })
        await iap.grantCredits({ account_id: acc.account.id, amount: INITIAL, idempotency_key: "bench-initial" })
        accounts.push({ id: acc.account.id, token: acc.token })
      }
    } finally {
      await mods.shutdown()
    }
    db = await connect(url)
    for (const n of [1, 2]) apps.push(await startApp({ databaseUrl: url, log, name: `scale-${n}` }))
    const checks = new Checks("scale-out")

    const sent = [0, 0]
    const load = (appIndex, accountIndex, seconds, tag) => {
      let i = 0
      return cannon({
        url: `http://127.0.0.1:${apps[appIndex].port}`, connections: CONNECTIONS, duration: seconds,
        requests: [{
          method: "POST", path: "/iap/v1/charge",
          headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
          setupRequest: (req) => {
            sent[accountIndex]++
            return { ...req, body: JSON.stringify({ account_token: accounts[accountIndex].token, credits: 1, idempotency_key: `scale-${tag}-a${accountIndex}-${i++}` }) }
          },
        }],
      })
    }
    const pgPids = async () => (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [DB])).rows.map((r) => r.pid)
    const pgCpu = (pids) => pids.reduce((s, pid) => s + (cpuMsOf(pid) || 0), 0)
    const setups = {
      one: (s, tag) => Promise.all([load(0, 0, s, `${tag}-one`), load(0, 1, s, `${tag}-one`)]),
      two: (s, tag) => Promise.all([load(0, 0, s, `${tag}-two`), load(1, 1, s, `${tag}-two`)]),
    }
    const results = { one: [], two: [] }
    const all = []
    for (const name of ["one", "two"]) all.push(...(await setups[name](p.warmup_s, "warm")))
    for (let r = 0; r < p.repetitions; r++) {
      for (const name of r % 2 === 0 ? ["one", "two"] : ["two", "one"]) {
        const pids = await pgPids()
        const before = { apps: apps.map((a) => cpuMsOf(a.pid)), pg: pgCpu(pids), machine: machineCpuMs() }
        const res = await setups[name](p.duration_s, `r${r}`)
        const after = { apps: apps.map((a) => cpuMsOf(a.pid)), pg: pgCpu(pids), machine: machineCpuMs() }
        all.push(...res)
        const ok = res.reduce((s, x) => s + x["2xx"], 0)
        const seconds = Math.max(...res.map((x) => x.duration))
        const appCpu = after.apps.reduce((s, v, i) => s + v - before.apps[i], 0)
        results[name].push({
          charges_per_s: ok / seconds,
          app_cpu_ms_per_charge: appCpu / ok,
          pg_cpu_ms_per_charge: (after.pg - before.pg) / ok,
          cpu_busy_cores: (after.machine.busy - before.machine.busy) / (after.machine.total - before.machine.total) * os.cpus().length,
        })
        log(`r${r} ${name}: ${(ok / seconds).toFixed(0)} charges/s, app CPU ${(appCpu / ok).toFixed(2)} ms/charge, Postgres CPU ${((after.pg - before.pg) / ok).toFixed(2)} ms/charge`)
      }
    }
    await new Promise((r) => setTimeout(r, 1500))
    for (const [i, x] of all.entries()) {
      checks.equal(`load ${i}: non-2xx`, x.non2xx, 0)
      checks.equal(`load ${i}: errors`, x.errors, 0)
    }
    for (const [i, a] of accounts.entries()) {
      const n = (await db.query(`SELECT count(*)::int AS n FROM iap_transaction WHERE account_id = $1 AND type = 'debit'`, [a.id])).rows[0].n
      // A request cut off when a run's time was up may be charged without its answer being counted.
      checks.truthy(`account ${i + 1}: debits ≤ requests sent`, n <= sent[i], `${n} of ${sent[i]}`)
      await checkLedger(checks, db, a.id, { balance: INITIAL - n, debits: n, label: `account ${i + 1}` })
    }
    const checked = checks.assertAll()
    passed = true

    const summary = (name, label) => {
      const xs = results[name]
      const med = (k) => spread(xs.map((x) => x[k]), 2).median
      return { label, charges_per_s: spread(xs.map((x) => x.charges_per_s), 1), app_cpu_ms_per_charge: med("app_cpu_ms_per_charge"),
        pg_cpu_ms_per_charge: med("pg_cpu_ms_per_charge"), cpu_busy_cores: med("cpu_busy_cores"), samples: xs }
    }
    const out = {
      one: summary("one", "one app process (2 × 16 connections, one account each)"),
      two: summary("two", "two app processes (16 connections each, one account each)"),
    }
    const ratio = spread(results.two.map((x, i) => x.charges_per_s / results.one[i].charges_per_s), 2)
    const cores = os.cpus().length
    const perCharge = out.one.app_cpu_ms_per_charge + out.one.pg_cpu_ms_per_charge
    const ceiling = round((cores * 1000) / perCharge, 0)
    const bound =
      `CPU per charge (one process): app ${out.one.app_cpu_ms_per_charge.toFixed(2)} ms + Postgres ${out.one.pg_cpu_ms_per_charge.toFixed(2)} ms, so ${cores} cores ` +
      `cap this machine near ${ceiling} charges/s whatever the number of processes; the machine was ${out.one.cpu_busy_cores.toFixed(2)} / ${out.two.cpu_busy_cores.toFixed(2)} ` +
      `cores busy (one / two, other work on it included). A second process adds throughput only where one process leaves cores idle (its event loop is single-threaded); ` +
      `with more cores the next bounds are Postgres CPU per charge and, for ONE account, its row lock (scenario 1: about 1 / lock hold time), then connections ` +
      `(each process keeps its own pool).`
    return { database: DB, plan: p, cores, description:
      `Two app processes (\`medusa start\`, root medusa-config.ts) on one Postgres database and two accounts, both running throughout. ${p.repetitions} repetitions of ` +
      `${p.duration_s} s, alternating: "one" sends 2 × 16 connections to app 1, "two" 16 to each app. CPU time from /proc: the app processes, and the Postgres ` +
      `backends of this database (other databases on the server not counted).`, setups: out, ratio, bound, checks: checked }
  } catch (e) {
    for (const a of apps) e.message += `\nlast lines of ${a.logFile}:\n${tail(a.logFile, 15)}`
    throw e
  } finally {
    if (db) await db.end().catch(() => {})
    for (const a of apps) await a.stop().catch(() => {})
    if (passed) for (const f of [migrateLog, ...apps.map((a) => a.logFile)]) fs.rmSync(f, { force: true })
    await dropDatabase(env, DB).catch((e) => log(`could not drop ${DB}: ${e.message}`))
  }
}

if (require.main === module) scenarioMain("scale-out", run)
module.exports = { run }
