#!/usr/bin/env node
// The browser tests, end to end: the admin dashboard (integration-tests/e2e/admin.e2e.js) and
// the demo storefront (integration-tests/e2e/storefront.e2e.js, storefront/ on Vite):
//   1. find Postgres (lib/postgres.js) and drop the e2e database, so every run starts fresh,
//   2. boot the demo store on it as scripts/dev.js does (migrate + sync links, the demo seed
//      src/scripts/seed-demo.ts, the dashboard served by Vite in development mode) on its own
//      port, so a running `npm run dev` is left alone. It runs `medusa start` with
//      NODE_ENV=development rather than `medusa develop`: develop restarts the server on any
//      file written in the tree (screenshots, other work in progress), which would cut a run short,
//   3. run the browser steps with Chromium (playwright-core, /usr/bin/chromium),
//   4. stop the store, and print "N passed, N failed".
// Screenshots and the server log go to test-artifacts/e2e/ (git-ignored).
//
//   npm run test:e2e
//   E2E_PORT=9200 npm run test:e2e        # another port (default 9100)
//   E2E_BASE_URL=http://localhost:9000 npm run test:e2e   # against a store already running
//   npm run test:e2e -- --update-docs     # also refresh the screenshots under docs/
//   npm run test:e2e -- --serve           # only boot the e2e store (then E2E_BASE_URL=… runs)
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { httpGet } = require("./lib/http")
const { findPostgres, databaseUrl, canConnect } = require("./lib/postgres")
const { recreateDatabase, runMedusa, startMedusa, stopMedusa, waitHealthy, ROOT } = require("./lib/medusa")

const PORT = Number(process.env.E2E_PORT || 9100)
const STOREFRONT_PORT = Number(process.env.E2E_STOREFRONT_PORT || PORT + 10)
const STOREFRONT_URL = `http://localhost:${STOREFRONT_PORT}`
const DB_NAME = process.env.E2E_DB || "medusa_iap_e2e"
const ARTIFACTS = path.join(ROOT, "test-artifacts", "e2e")
const SERVER_LOG = path.join(ARTIFACTS, "server.log")
const BOOT_TIMEOUT_MS = Number(process.env.E2E_BOOT_TIMEOUT_MS || 420_000)
/** Screenshots the README shows: artifact name → docs/ file. */
const DOC_SHOTS = {
  "iap-credits.png": "iap-accounts.png",
  "iap-account.png": "iap-account.png",
  "iap-account-1024.png": "iap-account-1024.png",
  "iap-order.png": "iap-order.png",
  "iap-unsaved-prompt.png": "iap-unsaved-prompt.png",
  "iap-create-account.png": "iap-create-account.png",
  "iap-account-token.png": "iap-account-token.png",
  "iap-customer-widget.png": "iap-customer-widget.png",
  "iap-pack-product.png": "iap-pack-product.png",
  "iap-sell-packs.png": "iap-sell-packs.png",
  "iap-variant-widget.png": "iap-variant-widget.png",
  "storefront/03-rotates-the-account-token-and-spends-the-available-credits-u.png": "storefront-paywall.png",
  "storefront/05-sets-a-low-balance-alert-and-downloads-the-history-as-csv.png": "storefront-credits.png",
  "storefront/06-changes-the-sms-auto-recharge-trigger-switches-it-off-and-on.png": "storefront-auto-recharge.png",
}

const log = (m) => process.stdout.write(`[e2e] ${m}\n`)
let server = null
let db = null

/** Runs one `medusa` step to its end; the running step is `server`, so a Ctrl-C stops it. */
async function medusaStep(args, env) {
  await runMedusa(args, { env, logFile: SERVER_LOG, timeoutMs: BOOT_TIMEOUT_MS, onStart: (child) => (server = child) })
  server = null
}

/** The demo store as scripts/dev.js makes it: migrate + links, seed, then serve (no watcher). */
async function startStore(env) {
  const dbEnv = {
    ...env,
    DATABASE_URL: databaseUrl(env, DB_NAME),
    // The storefront's origin may call the store and auth routes; credits links lead to it.
    STORE_CORS: STOREFRONT_URL,
    AUTH_CORS: `${STOREFRONT_URL},http://localhost:${PORT}`,
    IAP_CREDITS_URL: `${STOREFRONT_URL}/credits?service={service}&credits={credits}`,
  }
  log("migrating and syncing links…")
  await medusaStep(["db:migrate", "--execute-safe-links"], dbEnv)
  log("seeding the demo data (src/scripts/seed-demo.ts)…")
  await medusaStep(["exec", "./src/scripts/seed-demo.ts"], dbEnv)
  log(`starting Medusa + dashboard on port ${PORT}…`)
  return startMedusa(["start", "--port", String(PORT)], { env: dbEnv, logFile: SERVER_LOG })
}

/** Stops the Medusa process this script started, with its process group (workers, Vite). */
async function stopStore() {
  const child = server
  server = null
  await stopMedusa(child)
}

/** Runs `fn` with the demo storefront's Vite server up on STOREFRONT_PORT, then stops it. */
async function withStorefront(baseUrl, fn) {
  const out = fs.openSync(path.join(ARTIFACTS, "storefront.log"), "a")
  const vite = spawn(path.join(ROOT, "node_modules", ".bin", "vite"), ["--config", "storefront/vite.config.mjs"], {
    cwd: ROOT,
    env: { ...process.env, IAP_DEMO_BACKEND_URL: baseUrl, IAP_STOREFRONT_PORT: String(STOREFRONT_PORT) },
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  try {
    const until = Date.now() + 60_000
    while ((await httpGet(STOREFRONT_URL)).status !== 200) {
      if (Date.now() > until || vite.exitCode !== null) throw new Error("the demo storefront did not start: see test-artifacts/e2e/storefront.log")
      await new Promise((r) => setTimeout(r, 500))
    }
    return await fn()
  } finally {
    try {
      process.kill(-vite.pid, "SIGTERM")
    } catch {}
  }
}

async function shutdown() {
  await stopStore().catch(() => {})
  if (db) await db.stop().catch(() => {})
  db = null
}

function updateDocs() {
  const docs = path.join(ROOT, "docs")
  fs.mkdirSync(docs, { recursive: true })
  for (const [from, to] of Object.entries(DOC_SHOTS)) {
    const src = path.join(ARTIFACTS, from)
    if (fs.existsSync(src)) {
      fs.copyFileSync(src, path.join(docs, to))
      log(`docs/${to} updated`)
    }
  }
}

async function main() {
  const started = Date.now()
  fs.rmSync(ARTIFACTS, { recursive: true, force: true })
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  let baseUrl = process.env.E2E_BASE_URL
  if (!baseUrl) {
    if (await canConnect("localhost", PORT)) throw new Error(`port ${PORT} is in use: set E2E_PORT to a free port`)
    baseUrl = `http://localhost:${PORT}`
    db = await findPostgres({ log })
    await recreateDatabase(db.env, DB_NAME)
    log(`database ${DB_NAME}: created fresh`)
    log(`booting the demo store on ${baseUrl} (log: test-artifacts/e2e/server.log)…`)
    server = await startStore(db.env)
    await waitHealthy(baseUrl, server, { timeoutMs: BOOT_TIMEOUT_MS, what: "the demo store", logFile: "test-artifacts/e2e/server.log" })
    log(`demo store up after ${Math.round((Date.now() - started) / 1000)} s`)
    if (process.argv.includes("--serve")) {
      log(`serving ${baseUrl}/app until Ctrl-C`)
      await server.exited
      return shutdown()
    }
  }
  let outcome = { passed: 0, failed: 1 }
  try {
    const { runAdminE2e } = require("../integration-tests/e2e/admin.e2e.js")
    log("browser steps (Chromium, headless):")
    const admin = await runAdminE2e({ baseUrl, artifacts: ARTIFACTS })
    log(`storefront steps (${STOREFRONT_URL}):`)
    const storefront = await withStorefront(baseUrl, () =>
      require("../integration-tests/e2e/storefront.e2e.js").runStorefrontE2e({ baseUrl, storefrontUrl: STOREFRONT_URL, artifacts: path.join(ARTIFACTS, "storefront") })
    )
    outcome = { passed: admin.passed + storefront.passed, failed: admin.failed + storefront.failed }
  } finally {
    await shutdown()
  }
  if (process.argv.includes("--update-docs")) updateDocs()
  log(`screenshots: test-artifacts/e2e/ · ${Math.round((Date.now() - started) / 1000)} s in all`)
  process.stdout.write(`\n${outcome.passed} passed, ${outcome.failed} failed\n`)
  process.exit(outcome.failed ? 1 : 0)
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    shutdown().finally(() => process.exit(130))
  })
}

main().catch(async (e) => {
  process.stderr.write(`[e2e] ${e && e.stack ? e.stack : e}\n`)
  await shutdown()
  process.stdout.write(`\n0 passed, 1 failed\n`)
  process.exit(1)
})
