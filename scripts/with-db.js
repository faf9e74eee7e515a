#!/usr/bin/env node
// Runs a command with DB_* env vars pointing at the Postgres found by lib/postgres.js.
// Usage: node scripts/with-db.js medusa plugin:db:generate
const { spawn } = require("child_process")
const { findPostgres } = require("./lib/postgres")

findPostgres().then((db) => {
  const [cmd, ...args] = process.argv.slice(2)
  const child = spawn(cmd, args, { stdio: "inherit", shell: true, env: { ...process.env, ...db.env } })
  child.on("exit", async (code) => {
    await db.stop()
    process.exit(code ?? 1)
  })
})
