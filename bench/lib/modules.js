// Boots Medusa modules in this process the way @medusajs/test-utils' module runner does
// (initModules over one shared knex connection), but from BUILT JavaScript and with a pool
// large enough for the concurrency under test.
const path = require("path")
const { MikroORM } = require("@medusajs/framework/mikro-orm/postgresql")
const { ContainerRegistrationKeys, Modules, createPgConnection, isSharedConnectionSymbol } = require("@medusajs/framework/utils")
const { initModules, MockEventBusService, TestDatabaseUtils } = require("@medusajs/test-utils")

const ROOT = path.resolve(__dirname, "..", "..")
// IAP_BENCH_IAP_MODULE points the bench at another build of the module (to compare a change).
const IAP_BUILT = process.env.IAP_BENCH_IAP_MODULE || path.join(ROOT, ".medusa", "server", "src", "modules", "iap")
const STORE_CREDIT_BUILT = path.join(
  path.dirname(require.resolve("@medusajs/loyalty-plugin/package.json")),
  ".medusa", "server", "src", "modules", "store-credit"
)

/** Applies one migrations folder (the test-utils way, without entity discovery). */
async function migrate(clientUrl, pathToMigrations) {
  const config = TestDatabaseUtils.getMikroOrmConfig({ mikroOrmEntities: [], pathToMigrations, clientUrl })
  const orm = await MikroORM.init({ ...config, discovery: { warnWhenNoEntities: false } })
  try {
    await orm.getMigrator().up()
  } finally {
    await orm.close(true)
  }
}

const quietLogger = {
  info() {}, debug() {}, log() {}, warn() {}, activity() {}, progress() {}, success() {}, failure() {}, shouldLog: () => false,
  error: (...args) => process.stderr.write(`[module] ${args.map(String).join(" ")}\n`),
}

/**
 * Boots `modules` ({ name: { resolve, options } }) on `clientUrl` with a knex pool of `poolMax`.
 * Returns the services by name, the shared knex connection (for counting queries) and shutdown().
 *
 * @example
 * const { services, shutdown } = await bootModules({ clientUrl, poolMax: 40, modules: { iap: { resolve: IAP_BUILT } } })
 */
async function bootModules({ clientUrl, poolMax, modules }) {
  const database = { clientUrl, schema: "public", pool: { min: 2, max: poolMax } }
  const connection = createPgConnection(database)
  const modulesConfig = {}
  for (const [name, m] of Object.entries(modules)) {
    modulesConfig[name] = {
      resolve: m.resolve,
      options: { database, ...(m.options || {}), [isSharedConnectionSymbol]: true },
    }
  }
  const { medusaApp, shutdown } = await initModules({
    injectedDependencies: {
      [ContainerRegistrationKeys.PG_CONNECTION]: connection,
      [Modules.EVENT_BUS]: new MockEventBusService(),
      [ContainerRegistrationKeys.LOGGER]: quietLogger,
      [ContainerRegistrationKeys.CONFIG_MODULE]: { modules: modulesConfig },
    },
    modulesConfig,
    databaseConfig: database,
    preventConnectionDestroyWarning: true,
  })
  const services = {}
  for (const name of Object.keys(modules)) services[name] = medusaApp.modules[name]
  return {
    services,
    connection,
    async shutdown() {
      await shutdown()
      await medusaApp.onApplicationPrepareShutdown?.()
      await medusaApp.onApplicationShutdown?.()
      await connection.destroy()
    },
  }
}

/**
 * Counts the SQL statements sent to Postgres while `fn` runs (profiling: round trips per
 * operation), BEGIN and COMMIT included, at the `pg` driver: the ledger's hot path sends some
 * statements past knex's query runner (named prepared statements), so knex's events miss them.
 */
const SESSION_SETUP = /^\s*(set search_path|select version\(\)|select current_setting\('server_version_num'\))/i

async function countQueries(fn) {
  const { Client } = require("pg")
  const seen = []
  const query = Client.prototype.query
  Client.prototype.query = function (config, ...rest) {
    const text = typeof config === "string" ? config : config && config.text
    // A connection the pool opens meanwhile sets itself up (knex: version, search_path): not the operation's.
    if (text && !SESSION_SETUP.test(text)) seen.push(text.replace(/\s+/g, " ").slice(0, 80))
    return query.call(this, config, ...rest)
  }
  try {
    await fn()
  } finally {
    Client.prototype.query = query
  }
  return seen
}

/**
 * The fewest statements one of `tries` calls of `fn(i)` sent (each counted as `countQueries`
 * does): what a warm call costs, not a call that met a cache another process or the clock
 * just made stale. Every call's statements are kept for the report.
 *
 * @example
 * const { fewest, all } = await fewestQueries((i) => iap.debitCredits({ ..., idempotency_key: `p-${i}` }), 3)
 */
async function fewestQueries(fn, tries) {
  const all = []
  for (let i = 0; i < tries; i++) all.push(await countQueries(() => fn(i)))
  const fewest = all.reduce((a, b) => (b.length < a.length ? b : a))
  return { fewest, all }
}

module.exports = { IAP_BUILT, STORE_CREDIT_BUILT, migrate, bootModules, countQueries, fewestQueries }
