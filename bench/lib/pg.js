// Bench databases: every one is named iap_bench_<something>, made fresh for a run and dropped
// after it. Nothing here touches a database without that prefix.
const { Client } = require("pg")
const { databaseUrl } = require("../../scripts/lib/postgres")

const PREFIX = "iap_bench_"

function assertBenchName(name) {
  if (!/^iap_bench_[a-z0-9_]+$/.test(name)) throw new Error(`refusing to touch database "${name}": not an ${PREFIX}* name`)
}

async function withAdmin(env, fn) {
  const client = new Client({ connectionString: databaseUrl(env, "postgres") })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** Drops (if left over from a crashed run) and creates an empty bench database; returns its URL. */
async function freshDatabase(env, name) {
  assertBenchName(name)
  await withAdmin(env, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await c.query(`CREATE DATABASE "${name}"`)
  })
  return databaseUrl(env, name)
}

async function dropDatabase(env, name) {
  assertBenchName(name)
  await withAdmin(env, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
}

/** A connected pg client on `url` (close it with `.end()`). */
async function connect(url) {
  const client = new Client({ connectionString: url })
  await client.connect()
  return client
}

async function serverVersion(env) {
  return withAdmin(env, async (c) => (await c.query("SHOW server_version")).rows[0].server_version)
}

module.exports = { PREFIX, freshDatabase, dropDatabase, connect, serverVersion, assertBenchName }
