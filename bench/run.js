#!/usr/bin/env node
// `npm run bench` — our ledger against the raw-SQL limit and Medusa's own store credit (issue 8).
//
//   npm run bench                 # full run: writes bench/results/latest.{json,md}, prints the tables
//   npm run bench -- --quick      # every scenario briefly, same correctness checks (CI): bench/results/quick.json
//   npm run bench -- --only=hot,growth,http   # a subset (hot | growth | http | footprint | scale)
//   npm run bench -- --strict     # also exit non-zero when a target is missed
//
// Each scenario runs in its own Node process on its own fresh iap_bench_* database (dropped after),
// on the Postgres that scripts/lib/postgres.js finds (env → localhost:5432 → embedded). Scenarios 1–2
// load the plugin's BUILT module (.medusa/server/src/modules/iap): it is built first when missing or
// older than src/modules/iap. Scenario 3 starts the real app (`medusa start`, root medusa-config.ts).
// A failed correctness check fails the run (exit 1); a missed target is reported (exit 1 with --strict).
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { findPostgres } = require("../scripts/lib/postgres")
const { serverVersion } = require("./lib/pg")
const { renderMarkdown, evaluateTargets } = require("./lib/report")

const ROOT = path.resolve(__dirname, "..")
const RESULTS = path.join(__dirname, "results")
const SCENARIOS = {
  hot: "scenarios/hot-account.js",
  growth: "scenarios/ledger-growth.js",
  http: "scenarios/http.js",
  footprint: "scenarios/footprint.js",
  scale: "scenarios/scale-out.js",
}

const args = process.argv.slice(2)
const quick = args.includes("--quick")
const strict = args.includes("--strict")
const onlyArg = args.find((a) => a.startsWith("--only="))
const only = onlyArg ? onlyArg.slice("--only=".length).split(",").filter(Boolean) : Object.keys(SCENARIOS)
const log = (m) => process.stdout.write(`[bench] ${m}\n`)

for (const name of only) {
  if (!SCENARIOS[name]) {
    process.stderr.write(`unknown scenario "${name}" (choose from ${Object.keys(SCENARIOS).join(", ")})\n`)
    process.exit(2)
  }
}

function newestMtime(dir, skip) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (skip(p)) continue
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p, skip) : fs.statSync(p).mtimeMs)
  }
  return newest
}

/** Builds the plugin when the built module is missing or older than its sources. */
function ensureBuilt() {
  if (process.env.IAP_BENCH_IAP_MODULE) {
    log(`using the module build at ${process.env.IAP_BENCH_IAP_MODULE} (IAP_BENCH_IAP_MODULE)`)
    return
  }
  const built = path.join(ROOT, ".medusa", "server", "src", "modules", "iap", "index.js")
  // The footprint scenario loads the whole built plugin (routes, subscribers, workflows), not only the module.
  const src = path.join(ROOT, "src")
  const srcTime = newestMtime(src, (p) => p.includes("__tests__") || p.includes(`${path.sep}admin`))
  const builtTime = fs.existsSync(built) ? newestMtime(path.dirname(built), () => false) : 0
  if (builtTime && builtTime >= srcTime && !args.includes("--build")) {
    log("built plugin is up to date (.medusa/server)")
    return
  }
  log(builtTime ? "src changed since the last build: running `medusa plugin:build`" : "no build yet: running `medusa plugin:build`")
  const res = spawnSync(path.join(ROOT, "node_modules", ".bin", "medusa"), ["plugin:build"], { cwd: ROOT, stdio: "inherit" })
  if (res.status !== 0) throw new Error(`medusa plugin:build failed (exit ${res.status})`)
}

function runScenario(name, pgEnv) {
  const out = path.join(os.tmpdir(), `iap-bench-${name}-${process.pid}.json`)
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, SCENARIOS[name]), "--out", out, ...(quick ? ["--quick"] : [])], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, IAP_BENCH_PG_ENV: JSON.stringify(pgEnv), MEDUSA_DISABLE_TELEMETRY: "true", LOG_LEVEL: process.env.LOG_LEVEL || "error" },
    })
    child.on("exit", (code, signal) => {
      let payload = { ok: false, error: `scenario process exited with ${signal || code} and wrote no result` }
      if (fs.existsSync(out)) {
        payload = JSON.parse(fs.readFileSync(out, "utf8"))
        fs.unlinkSync(out)
      }
      if (payload.ok && code !== 0) payload = { ok: false, error: `scenario process exited with ${code}` }
      resolve({ ...payload, seconds: Math.round((Date.now() - started) / 100) / 10 })
    })
  })
}

function machine(pgVersion, loadStart) {
  const cpus = os.cpus()
  return {
    cores: cpus.length,
    cpu_model: cpus[0] ? cpus[0].model.trim() : "unknown",
    memory_gib: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    postgres: pgVersion,
    os: `${os.type()} ${os.release()}`,
    load_average_start: loadStart.map((v) => Math.round(v * 100) / 100),
    load_average_end: os.loadavg().map((v) => Math.round(v * 100) / 100),
  }
}

function gitCommit() {
  const rev = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" })
  const dirty = spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" })
  if (rev.status !== 0) return null
  return `${rev.stdout.trim()}${dirty.stdout.trim() ? " (with uncommitted changes)" : ""}`
}

async function main() {
  const started = Date.now()
  const loadStart = os.loadavg()
  ensureBuilt()
  const db = await findPostgres({ log })
  const results = {}
  let pgVersion = "unknown"
  try {
    pgVersion = await serverVersion(db.env)
    for (const name of only) {
      log(`scenario ${name}${quick ? " (quick)" : ""}`)
      results[name] = await runScenario(name, db.env)
      log(`scenario ${name}: ${results[name].ok ? "ok" : "FAILED"} in ${results[name].seconds} s`)
    }
  } finally {
    await db.stop()
  }

  const report = {
    mode: quick ? "quick" : "full",
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machine(pgVersion, loadStart),
    seconds: Math.round((Date.now() - started) / 1000),
    scenarios: results,
  }
  report.targets = evaluateTargets(report)
  const md = renderMarkdown(report)
  fs.mkdirSync(RESULTS, { recursive: true })
  // A quick run never overwrites the committed full results.
  const base = quick ? "quick" : "latest"
  fs.writeFileSync(path.join(RESULTS, `${base}.json`), JSON.stringify(report, null, 2) + "\n")
  if (!quick) fs.writeFileSync(path.join(RESULTS, `${base}.md`), md)
  process.stdout.write("\n" + md + "\n")
  log(`results: bench/results/${base}.json${quick ? "" : " and bench/results/latest.md"} (${report.seconds} s)`)

  const failed = Object.entries(results).filter(([, r]) => !r.ok)
  const missed = report.targets.filter((t) => t.status === "missed")
  if (failed.length) {
    for (const [name, r] of failed) process.stderr.write(`\nBENCH FAILED — ${name}: ${r.error}\n`)
    process.exit(1)
  }
  if (missed.length) {
    log(`${missed.length} target(s) missed: ${missed.map((t) => t.name).join("; ")}`)
    if (strict) process.exit(1)
  }
}

main().catch((e) => {
  process.stderr.write(`BENCH FAILED: ${e && e.stack ? e.stack : e}\n`)
  process.exit(1)
})
