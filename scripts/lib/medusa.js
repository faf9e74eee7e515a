// Medusa processes for the scripts and the tests that boot real apps (scripts/e2e.js, the
// topology test): a fresh database, `medusa <command>` in its own process group with its output
// in a log file, readiness on /health, and a stop that always takes the whole group.
const { spawn } = require("child_process")
const fs = require("fs")
const path = require("path")
const { databaseUrl } = require("./postgres")
const { httpGet } = require("./http")

const ROOT = path.resolve(__dirname, "..", "..")
const MEDUSA_BIN = path.join(ROOT, "node_modules", ".bin", "medusa")

/**
 * Drops (if present) and creates database `name` on the server `env` points to
 * (the env vars `findPostgres()` returns).
 *
 * @example
 * await recreateDatabase(db.env, "medusa_iap_e2e")
 */
async function recreateDatabase(env, name) {
  await adminQuery(env, (quoted) => [`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`, `CREATE DATABASE ${quoted}`], name)
}

/** Drops database `name` (connections included); nothing if it does not exist. */
async function dropDatabase(env, name) {
  await adminQuery(env, (quoted) => [`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`], name)
}

async function adminQuery(env, statements, name) {
  const { Client } = require("pg")
  const client = new Client({ connectionString: databaseUrl(env, "postgres") })
  await client.connect()
  try {
    for (const sql of statements(`"${name.replace(/"/g, '""')}"`)) await client.query(sql)
  } finally {
    await client.end()
  }
}

/**
 * Starts `medusa <args>` from the repository root in its own process group (so a stop takes
 * its workers and Vite too), NODE_ENV=development, output appended to `logFile`. `env` adds to
 * this process's environment; a key set to undefined is removed. The child gets `exited`, a
 * promise of `{ code, signal }`.
 *
 * @example
 * const server = startMedusa(["start", "--port", "9411"], { env: { DATABASE_URL }, logFile })
 */
function startMedusa(args, { env = {}, logFile }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, "a")
  const merged = { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true", ...env, NODE_ENV: "development" }
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key]
  const child = spawn(MEDUSA_BIN, args, {
    cwd: ROOT,
    env: merged,
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  child.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })))
  return child
}

/**
 * Runs `medusa <args>` (db:migrate, exec, user…) to its end; rejects if it fails or outlives
 * `timeoutMs` (then its process group is killed). `onStart` receives the child (to stop it
 * on Ctrl-C).
 *
 * @example
 * await runMedusa(["db:migrate", "--execute-safe-links"], { env: { DATABASE_URL }, logFile })
 */
async function runMedusa(args, { env, logFile, timeoutMs = 600_000, onStart = () => {} }) {
  const child = startMedusa(args, { env, logFile })
  onStart(child)
  let timer
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs)
  })
  const outcome = await Promise.race([child.exited, timedOut])
  clearTimeout(timer)
  if (outcome === "timeout") {
    await stopMedusa(child, { graceMs: 0 })
    throw new Error(`medusa ${args[0]} did not finish within ${timeoutMs / 1000} s: see ${logFile}`)
  }
  if (outcome.code !== 0) throw new Error(`medusa ${args[0]} failed (${outcome.signal || outcome.code}): see ${logFile}${logTail(logFile)}`)
}

/** The last lines of a log, for an error message (a CI run keeps only what the test printed). */
function logTail(logFile, lines = 25) {
  try {
    const text = fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n")
    return text ? `; its last lines:\n${text}` : ""
  } catch {
    return ""
  }
}

/**
 * Polls `<baseUrl>/health` every second until it answers 200; rejects when `child` exits
 * first or after `timeoutMs`.
 */
async function waitHealthy(baseUrl, child, { timeoutMs = 420_000, what = "Medusa", logFile = "its log" } = {}) {
  const until = Date.now() + timeoutMs
  let exited = null
  child.exited.then((r) => (exited = r))
  while (Date.now() < until) {
    if (exited) throw new Error(`${what} stopped while booting (${JSON.stringify(exited)}): see ${logFile}${logTail(logFile)}`)
    if ((await httpGet(`${baseUrl}/health`)).status === 200) return
    await new Promise((r) => setTimeout(r, 1000))
  }
  throw new Error(`${what} was not healthy after ${timeoutMs / 1000} s: see ${logFile}`)
}

/** Sends `sig` to the child's whole process group; false when the group is gone. */
function signalGroup(child, sig) {
  try {
    process.kill(-child.pid, sig)
    return true
  } catch {
    return false
  }
}

/**
 * Stops a process started by startMedusa with its process group: SIGCONT (in case it was
 * paused), SIGTERM, then SIGKILL after `graceMs`. Resolves once it has exited.
 */
async function stopMedusa(child, { graceMs = 20_000 } = {}) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  signalGroup(child, "SIGCONT")
  signalGroup(child, graceMs > 0 ? "SIGTERM" : "SIGKILL")
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs)
  await child.exited
  clearTimeout(timer)
  // The group may outlive its leader (a worker child): make sure nothing is left.
  signalGroup(child, "SIGKILL")
}

/**
 * Starts a detached guard (orphan-guard.js) that cleans up after this process if it ends
 * without doing so (Ctrl-C, kill, crash): kills the recorded process groups, empties the
 * recorded Redis database, drops the recorded Postgres database. `release()` once the run
 * has cleaned up itself; the guard then exits.
 *
 * @example
 * const guard = startOrphanGuard(path.join(logs, "guard.json"))
 * guard.record({ database: "medusa_iap_x" })
 * guard.addGroup(startMedusa(["start"], opts).pid)
 * // … afterwards, everything stopped and dropped:
 * guard.release()
 */
function startOrphanGuard(stateFile) {
  let state = { groups: [] }
  const write = () => {
    fs.writeFileSync(`${stateFile}.tmp`, JSON.stringify(state))
    fs.renameSync(`${stateFile}.tmp`, stateFile)
  }
  fs.mkdirSync(path.dirname(stateFile), { recursive: true })
  write()
  const guard = spawn(process.execPath, [path.join(__dirname, "orphan-guard.js"), String(process.pid), stateFile], {
    detached: true,
    stdio: "ignore",
  })
  guard.unref()
  return {
    record(patch) {
      state = { ...state, ...patch }
      write()
    },
    addGroup(pid) {
      state = { ...state, groups: [...state.groups, pid] }
      write()
    },
    release() {
      fs.rmSync(stateFile, { force: true })
    },
  }
}

module.exports = { ROOT, recreateDatabase, dropDatabase, startMedusa, runMedusa, waitHealthy, signalGroup, stopMedusa, startOrphanGuard }
