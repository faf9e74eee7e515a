#!/usr/bin/env node
// Package smoke test: proves the published artifact works where it will be used.
//   1. `npm pack` the built plugin (run `npm run build` first) and check what the tarball holds,
//   2. install the tarball (a copy, no symlink) into a throwaway host Medusa app in a temp folder,
//   3. type-check a host file that imports the plugin's public entries (declarations in the tarball),
//   4. `medusa db:migrate` a fresh database, check the plugin's tables exist,
//   5. start the host, wait for /health, check a plugin route answers,
//   6. always: stop the host, drop its database, remove the temp folder.
// Set SMOKE_KEEP=1 to keep the temp folder for inspection.
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const net = require("net")
const os = require("os")
const path = require("path")
const { Client } = require("pg")
const { findPostgres, databaseUrl } = require("./lib/postgres")
const { httpGet } = require("./lib/http")

const ROOT = path.resolve(__dirname, "..")
const PKG = require(path.join(ROOT, "package.json"))
const DB_NAME = `iap_smoke_${process.pid}`
const REQUIRED_PATHS = [
  ".medusa/server/src/modules/iap/migrations/",
  ".medusa/server/src/admin/index.mjs",
  ".medusa/server/src/workflows/index.d.ts",
  ".medusa/server/src/types/index.d.ts",
  ".medusa/server/src/provider-client/index.d.ts",
  ".medusa/server/src/storefront/index.d.ts",
]
const FORBIDDEN_PATTERNS = [/__tests__/, /integration-tests/, /medusa-config/, /jest\.config/]
const PLUGIN_TABLES = ["iap_service", "iap_account", "iap_credit_lot", "iap_transaction", "iap_hold"]

const log = (m) => process.stdout.write(`[smoke] ${m}\n`)
const cleanups = []

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: "inherit", ...opts })
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${res.status}`)
  return res
}

function installedVersion(name) {
  return require(path.join(ROOT, "node_modules", name, "package.json")).version
}

/** npm pack into `dir`; returns the tarball path. */
function pack(dir) {
  if (!fs.existsSync(path.join(ROOT, ".medusa", "server", "src"))) {
    throw new Error(".medusa/server is missing: run `npm run build` (medusa plugin:build) first")
  }
  const res = spawnSync("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8" })
  if (res.status !== 0) throw new Error(`npm pack failed:\n${res.stderr}`)
  const [{ filename }] = JSON.parse(res.stdout)
  return path.join(dir, path.basename(filename))
}

/** The tarball ships migrations and the admin bundle, and no tests, test config or fixtures. */
function checkTarballContents(tarball) {
  const files = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" })
    .stdout.split("\n")
    .filter(Boolean)
    .map((f) => f.replace(/^package\//, ""))
  const problems = []
  for (const required of REQUIRED_PATHS) {
    if (!files.some((f) => f.startsWith(required))) problems.push(`missing ${required}`)
  }
  for (const f of files) {
    if (FORBIDDEN_PATTERNS.some((re) => re.test(f))) problems.push(`must not ship ${f}`)
  }
  if (problems.length) throw new Error(`tarball ${path.basename(tarball)}:\n  ${problems.join("\n  ")}`)
  log(`tarball OK: ${files.length} files, migrations + admin bundle, no tests or test config`)
}

/**
 * Host code as a developer writes it against the installed package: if an entry had no
 * declarations it would be `any` and the `@ts-expect-error` lines would fail the check.
 */
const HOST_TYPES_FILE = `import type { MedusaContainer } from "@medusajs/framework/types"
import type { IapAccountDTO, IapHoldDTO, IapTransactionType } from "medusa-plugin-iap/types"
import { chargeCreditsWorkflow, withCredits } from "medusa-plugin-iap/workflows"
import { IapProviderClient } from "medusa-plugin-iap/provider-client"
import Medusa from "@medusajs/js-sdk"
import { AutoRechargeSettings, BuyCredits, CreditBalances, createIapStoreClient, type IapSavedPaymentMethodDTO, type StoreIapPack } from "medusa-plugin-iap/storefront"

export async function sendSms(container: MedusaContainer, customerId: string): Promise<string> {
  return withCredits(container, { service: "sms", customer_id: customerId, credits: 1, idempotency_key: "sms-1" }, async (hold: IapHoldDTO) => hold.id)
}

export async function charge(container: MedusaContainer) {
  const { result } = await chargeCreditsWorkflow(container).run({ input: { service: "sms", customer_id: "cus_1", credits: 2, idempotency_key: "k" } })
  return result
}

export function balanceOf(account: IapAccountDTO): number | string {
  return account.balance
}

export const client = new IapProviderClient({ baseUrl: "http://localhost:9000", serviceKey: "key" })
export const type: IapTransactionType = "debit"

export const storeClient = createIapStoreClient(new Medusa({ baseUrl: "http://localhost:9000", publishableKey: "pk_1" }))
export const balances = CreditBalances({ client: storeClient })
export const buy = (onAdd: (p: StoreIapPack) => void) => BuyCredits({ client: storeClient, regionId: "reg_1", onAddToCart: onAdd })
// @ts-expect-error: BuyCredits needs the region
export const badBuy = BuyCredits({ client: storeClient, onAddToCart: () => undefined })
export const recharge = AutoRechargeSettings({ client: storeClient, accountId: "iapacc_1", regionId: "reg_1", paymentMethodLabel: (m: IapSavedPaymentMethodDTO) => m.id })
// @ts-expect-error: AutoRechargeSettings needs the region its packs and prices come from
export const badRecharge = AutoRechargeSettings({ client: storeClient, accountId: "iapacc_1" })
export const instantDelivery = (cartId: string): Promise<string | null> => storeClient.addInstantDelivery(cartId)

// @ts-expect-error: idempotency_key is required
export const bad = (c: MedusaContainer) => withCredits(c, { service: "sms", credits: 1 }, async () => 1)
// @ts-expect-error: not a transaction type
export const badType: IapTransactionType = "gift"
// @ts-expect-error: the client needs its options
export const badClient = new IapProviderClient()
`

/** Type-checks HOST_TYPES_FILE in the host (tsc --noEmit with the host's own TypeScript). */
function checkHostTypes(dir) {
  fs.mkdirSync(path.join(dir, "typecheck"))
  fs.writeFileSync(path.join(dir, "typecheck", "uses-plugin.ts"), HOST_TYPES_FILE)
  fs.writeFileSync(
    path.join(dir, "tsconfig.typecheck.json"),
    JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { noEmit: true, strict: true, skipLibCheck: true }, include: ["typecheck/*.ts"] }, null, 2)
  )
  run(path.join(dir, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.typecheck.json"], { cwd: dir })
  log("host type-check OK: medusa-plugin-iap/types, /workflows, /provider-client and /storefront resolve with declarations")
  // The storefront entry loads where a storefront runs it (React and the js-sdk installed).
  run(process.execPath, ["-e", "const s = require('medusa-plugin-iap/storefront'); for (const n of ['CreditBalances','BuyCredits','CreditHistory','UsageChart','LowBalanceAlert','AccountToken','InsufficientCreditsDialog','AutoRechargeSettings','createIapStoreClient']) if (typeof s[n] !== 'function') throw new Error(n + ' is not exported')"], { cwd: dir })
  log("medusa-plugin-iap/storefront loads and exports its components")
}

/** A host app as an operator writes it: the plugin under `plugins`, nothing else custom. */
function writeHostApp(dir, tarball) {
  const deps = {}
  for (const name of ["@medusajs/medusa", "@medusajs/framework", "@medusajs/cli", "@medusajs/admin-sdk"]) {
    deps[name] = PKG.devDependencies[name]
  }
  deps["medusa-plugin-iap"] = `file:${tarball}`
  const devDeps = {}
  for (const name of ["typescript", "ts-node", "@swc/core", "@types/node"]) devDeps[name] = installedVersion(name)
  // What a storefront brings for medusa-plugin-iap/storefront (peer dependencies).
  for (const name of ["react", "@types/react", "@medusajs/js-sdk"]) devDeps[name] = installedVersion(name)
  const files = {
    "package.json": JSON.stringify(
      { name: "iap-smoke-host", private: true, version: "0.0.0", dependencies: deps, devDependencies: devDeps },
      null,
      2
    ),
    "tsconfig.json": JSON.stringify(
      {
        compilerOptions: {
          target: "ES2021",
          module: "Node16",
          moduleResolution: "Node16",
          esModuleInterop: true,
          skipLibCheck: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
        },
        "ts-node": { swc: true },
        include: ["**/*"],
        exclude: ["node_modules", ".medusa"],
      },
      null,
      2
    ),
    "medusa-config.ts": `import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "http://localhost:8000",
      adminCors: "http://localhost:9000",
      authCors: "http://localhost:9000",
      jwtSecret: "supersecret",
      cookieSecret: "supersecret",
    },
  },
  admin: { disable: true },
  plugins: [{ resolve: "medusa-plugin-iap", options: {} }],
})
`,
  }
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content)
}

async function withPg(env, database, fn) {
  const client = new Client({ connectionString: databaseUrl(env, database) })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

async function checkPluginTables(env) {
  const { rows } = await withPg(env, DB_NAME, (c) =>
    c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)", [PLUGIN_TABLES])
  )
  const found = rows.map((r) => r.tablename)
  const missing = PLUGIN_TABLES.filter((t) => !found.includes(t))
  if (missing.length) throw new Error(`the plugin's migrations did not create: ${missing.join(", ")}`)
  log(`plugin tables exist: ${PLUGIN_TABLES.join(", ")}`)
}

function freePort(preferred) {
  const tryListen = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer()
      srv.once("error", () => resolve(null))
      srv.listen(port, () => {
        const { port: got } = srv.address()
        srv.close(() => resolve(got))
      })
    })
  return tryListen(preferred).then((p) => p || tryListen(0))
}

async function waitForHealth(base, host, timeoutMs = 180000) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (host.exitCode !== null) throw new Error(`the host app exited with ${host.exitCode} before /health answered`)
    if ((await httpGet(`${base}/health`)).status === 200) {
      log(`/health 200 after ${Math.round((Date.now() - started) / 1000)} s`)
      return
    }
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`/health did not answer 200 within ${timeoutMs / 1000} s`)
}

/** The provider API's health probe: served from the installed package, no auth. */
async function checkPluginRoute(base) {
  const { status, body } = await httpGet(`${base}/iap/v1/health`)
  let json = null
  try {
    json = JSON.parse(body)
  } catch {}
  if (status !== 200 || !json || json.status !== "ok") {
    throw new Error(`GET /iap/v1/health answered ${status} ${body.slice(0, 200)}`)
  }
  log(`plugin route GET /iap/v1/health → 200 ${body}`)
}

async function main() {
  const t0 = Date.now()
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "iap-smoke-"))
  const hostDir = path.join(tmp, "host")
  fs.mkdirSync(hostDir)
  cleanups.push(() => {
    if (process.env.SMOKE_KEEP === "1") return log(`kept ${tmp}`)
    // ~100k files: deleting them can take minutes on a busy disk, so nobody waits for it.
    spawn("rm", ["-rf", tmp], { detached: true, stdio: "ignore" }).unref()
  })

  const tarball = pack(tmp)
  log(`packed ${path.basename(tarball)}`)
  checkTarballContents(tarball)

  writeHostApp(hostDir, tarball)
  log("installing the host app (npm install --prefer-offline)…")
  const t1 = Date.now()
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: hostDir })
  log(`installed in ${Math.round((Date.now() - t1) / 1000)} s`)
  const installed = path.join(hostDir, "node_modules", "medusa-plugin-iap")
  if (fs.lstatSync(installed).isSymbolicLink()) throw new Error("the plugin was symlinked, not installed")

  checkHostTypes(hostDir)

  const db = await findPostgres({ log })
  cleanups.push(() => db.stop())
  await withPg(db.env, "postgres", (c) => c.query(`CREATE DATABASE "${DB_NAME}"`))
  cleanups.push(() =>
    withPg(db.env, "postgres", (c) => c.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`)).then(() =>
      log(`dropped database ${DB_NAME}`)
    )
  )
  const env = {
    ...process.env,
    ...db.env,
    DATABASE_URL: databaseUrl(db.env, DB_NAME),
    MEDUSA_DISABLE_TELEMETRY: "true",
    NODE_ENV: "development",
  }
  const medusaBin = path.join(hostDir, "node_modules", ".bin", "medusa")

  log(`medusa db:migrate (database ${DB_NAME})…`)
  run(medusaBin, ["db:migrate", "--execute-safe-links"], { cwd: hostDir, env, stdio: ["ignore", "ignore", "inherit"] })
  await checkPluginTables(env)

  const port = await freePort(Number(process.env.SMOKE_PORT || 9100))
  const base = `http://localhost:${port}`
  log(`starting the host app on ${base}…`)
  const hostLog = path.join(tmp, "host.log")
  const out = fs.openSync(hostLog, "w")
  const host = spawn(medusaBin, ["start", "--port", String(port)], {
    cwd: hostDir,
    env,
    stdio: ["ignore", out, out],
    detached: true,
  })
  cleanups.push(() => stopHost(host))
  try {
    await waitForHealth(base, host)
    await checkPluginRoute(base)
  } catch (e) {
    process.stdout.write(`--- host app log (last 60 lines) ---\n`)
    process.stdout.write(fs.readFileSync(hostLog, "utf8").split("\n").slice(-60).join("\n") + "\n")
    throw e
  }
  log(`passed in ${Math.round((Date.now() - t0) / 1000)} s`)
}

function stopHost(host) {
  if (host.exitCode !== null || host.signalCode !== null) return
  const started = Date.now()
  return new Promise((resolve) => {
    host.once("exit", () => {
      log(`host app stopped in ${Math.round((Date.now() - started) / 1000)} s`)
      resolve()
    })
    try {
      process.kill(-host.pid, "SIGTERM")
    } catch {}
    setTimeout(() => {
      try {
        process.kill(-host.pid, "SIGKILL")
      } catch {}
    }, 10000).unref()
  })
}

async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()()
    } catch (e) {
      log(`cleanup: ${e.message}`)
    }
  }
}

let exiting = false
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    if (exiting) return
    exiting = true
    await cleanup()
    process.exit(130)
  })
}

main()
  .then(async () => {
    await cleanup()
    process.exit(0)
  })
  .catch(async (e) => {
    process.stderr.write(`[smoke] FAILED: ${e.message}\n`)
    await cleanup()
    process.exit(1)
  })
