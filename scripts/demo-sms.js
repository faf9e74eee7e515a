#!/usr/bin/env node
// `npm run demo:sms -- "+4915112345678" "Hello"`: sends one demo SMS for the demo customer
// (src/scripts/demo/send-sms.ts) from any terminal while `npm run dev` runs. The database comes
// from DATABASE_URL in the environment or in `.env` (written by `npm run dev`), as for any
// `medusa exec`; without one this says so instead of Postgres's "no user name specified".
const { spawn } = require("child_process")
const path = require("path")
const { loadEnv } = require("@medusajs/framework/utils")

const ROOT = path.resolve(__dirname, "..")
loadEnv(process.env.NODE_ENV || "development", ROOT)
if (!process.env.DATABASE_URL) {
  process.stderr.write("[demo:sms] no DATABASE_URL (environment or .env): start the demo first with `npm run dev`, it writes .env\n")
  process.exit(1)
}
const child = spawn(path.join(ROOT, "node_modules", ".bin", "medusa"), ["exec", "./src/scripts/demo/send-sms.ts", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
})
child.on("exit", (code, signal) => process.exit(signal ? 1 : code ?? 1))
