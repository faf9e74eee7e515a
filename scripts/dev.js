#!/usr/bin/env node
// The demo store in one command: find Postgres (lib/postgres.js), create the demo database,
// migrate + sync links, seed idempotently (src/scripts/seed-demo.ts), then `medusa develop`.
// Next to it, the demo storefront (storefront/, Vite) on :8000: the customer's "My credits" page.
// Ctrl-C stops Medusa, the storefront and, when this script started one, the embedded Postgres.
//
//   npm run dev                          # uses DATABASE_URL/DB_*, else localhost:5432, else embedded
//   IAP_POSTGRES=embedded npm run dev    # forces the embedded Postgres
//   IAP_DEMO_DB=other npm run dev        # another database name (default medusa_iap_demo)
//   IAP_STOREFRONT=off npm run dev       # without the demo storefront (IAP_STOREFRONT_PORT: its port)
//
// It also writes `.env` with the demo's DATABASE_URL, so `medusa exec` / `npm run demo:sms` from a
// second terminal (which Medusa's loadEnv feeds from `.env`) reach the same database. A `.env`
// the demo did not write (no marker line) is never touched: the banner says what to add.
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { Client } = require("pg")
const { findPostgres, databaseUrl, canConnect } = require("./lib/postgres")
const { httpGet } = require("./lib/http")

const ROOT = path.resolve(__dirname, "..")
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")
const DB_NAME = process.env.IAP_DEMO_DB || "medusa_iap_demo"
const PORT = Number(process.env.PORT || 9000)
const SUMMARY = path.join(ROOT, ".data", "demo.json")
const BASE = `http://localhost:${PORT}`
const STOREFRONT_PORT = Number(process.env.IAP_STOREFRONT_PORT || 8000)
const ENV_FILE = path.join(ROOT, ".env")
const ENV_MARKER = "# Written by `npm run dev` (medusa-plugin-iap demo store). Delete this line to keep your edits: the demo then leaves this file alone."

const log = (m) => process.stdout.write(`[dev] ${m}\n`)
let db = null
let current = null
let storefront = null
let stopping = false
let envNote = null

/** Creates the database when missing; CREATE DATABASE has no IF NOT EXISTS. */
async function ensureDatabase(env) {
  const client = new Client({ connectionString: databaseUrl(env, "postgres") })
  await client.connect()
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME])
    if (rowCount) {
      log(`database ${DB_NAME}: exists, reusing it`)
    } else {
      await client.query(`CREATE DATABASE "${DB_NAME.replace(/"/g, '""')}"`)
      log(`database ${DB_NAME}: created`)
    }
  } finally {
    await client.end()
  }
}

/** Runs `medusa <args>` in its own process group (so it can be stopped with all its children). */
function medusa(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(MEDUSA, args, { cwd: ROOT, env, stdio: "inherit", detached: true })
    current = child
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      if (current === child) current = null
      if (code === 0) resolve()
      else reject(new Error(`medusa ${args[0]} ${signal ? `was stopped (${signal})` : `exited with ${code}`}`))
    })
  })
}

/**
 * Points `.env` at the demo database when the file is missing or is the demo's own (marker on
 * its first line). Returns a note for the banner when the user's own `.env` says otherwise.
 */
function writeDemoEnv(databaseUrlValue) {
  const line = `DATABASE_URL=${databaseUrlValue}`
  if (fs.existsSync(ENV_FILE)) {
    const text = fs.readFileSync(ENV_FILE, "utf8")
    if (!text.startsWith(ENV_MARKER)) {
      const mine = text.split(/\r?\n/).some((l) => l.trim() === line)
      return mine ? null : `.env is yours, left as is; for \`npm run demo:sms\` from another terminal it needs ${line}`
    }
  }
  fs.writeFileSync(ENV_FILE, `${ENV_MARKER}\n# Read by medusa-config.ts (loadEnv), so \`npx medusa exec\` in another terminal finds the demo database.\n${line}\n`)
  log(`.env: DATABASE_URL of ${DB_NAME} written (for commands run from another terminal)`)
  return null
}

async function announceWhenHealthy() {
  while (!stopping && current) {
    if ((await httpGet(`${BASE}/health`)).status === 200) {
      printBanner()
      return
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
}

function printBanner() {
  const s = fs.existsSync(SUMMARY) ? JSON.parse(fs.readFileSync(SUMMARY, "utf8")) : null
  const lines = [
    "",
    "================ medusa-plugin-iap demo store ================",
    `  Health:     ${BASE}/health`,
    `  Dashboard:  ${BASE}/app   (first load builds the admin: ~30-60 s)`,
    `  Provider:   ${BASE}/iap/v1/health`,
    ...(storefront ? [`  Storefront: http://localhost:${STOREFRONT_PORT}   ("My credits", buy packs, try a service)`] : []),
    `  Database:   ${DB_NAME} (Postgres: ${db ? db.kind : "?"})`,
  ]
  if (s) {
    lines.push(
      `  Admin:      ${s.admin.email} / ${s.admin.password}`,
      `  Customer:   ${s.customer.email} / ${s.customer.password}`,
      "  Publishable API keys (x-publishable-api-key):"
    )
    for (const k of s.publishable_keys) lines.push(`    ${k.sales_channel.padEnd(12)} ${k.token}`)
  }
  lines.push(`  Demo SMS:   npm run demo:sms -- "+4915112345678" "Hello"   (from another terminal)`)
  if (envNote) lines.push(`  Note:       ${envNote}`)
  lines.push("  Stop with Ctrl-C.", "==============================================================", "")
  process.stdout.write(lines.join("\n") + "\n")
}

/** The demo storefront (Vite, storefront/vite.config.mjs) in its own process group. */
function startStorefront(env) {
  if (process.env.IAP_STOREFRONT === "off") return
  const vite = path.join(ROOT, "node_modules", ".bin", "vite")
  storefront = spawn(vite, ["--config", "storefront/vite.config.mjs"], {
    cwd: ROOT,
    env: { ...env, PORT: String(PORT), IAP_STOREFRONT_PORT: String(STOREFRONT_PORT) },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  })
  storefront.on("exit", (code) => {
    if (!stopping && code) log(`the demo storefront exited with ${code} (port ${STOREFRONT_PORT} in use? IAP_STOREFRONT_PORT=<port>)`)
    storefront = null
  })
}

async function shutdown(code) {
  if (stopping) return
  stopping = true
  if (storefront) {
    try {
      process.kill(-storefront.pid, "SIGTERM")
    } catch {}
  }
  if (current && current.exitCode === null) {
    log("stopping Medusa…")
    const child = current
    const exited = new Promise((r) => child.once("exit", r))
    try {
      process.kill(-child.pid, "SIGTERM")
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch {}
    }, 10000)
    await exited
    clearTimeout(timer)
  }
  if (db && db.kind === "embedded") log("stopping the embedded Postgres…")
  if (db) await db.stop()
  process.exit(code)
}

async function main() {
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => shutdown(0))

  if (await canConnect("localhost", PORT)) {
    throw new Error(`port ${PORT} is already in use: stop what runs there or set PORT=<free port>`)
  }
  db = await findPostgres({ log })
  await ensureDatabase(db.env)

  const env = {
    ...process.env,
    ...db.env,
    DATABASE_URL: databaseUrl(db.env, DB_NAME),
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_ENV: process.env.NODE_ENV || "development",
  }
  envNote = writeDemoEnv(env.DATABASE_URL)
  log("migrating the database and syncing links…")
  await medusa(["db:migrate", "--execute-safe-links"], env)
  if (stopping) return
  log("seeding the demo data…")
  await medusa(["exec", "./src/scripts/seed-demo.ts"], env)
  if (stopping) return
  startStorefront(env)
  log(`starting medusa develop on ${BASE}…`)
  const server = medusa(["develop", "--port", String(PORT)], env)
  announceWhenHealthy()
  await server
}

main()
  .then(() => shutdown(0))
  .catch((e) => {
    if (!stopping) process.stderr.write(`[dev] ${e.message}\n`)
    shutdown(1)
  })
