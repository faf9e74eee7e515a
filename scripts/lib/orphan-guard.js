// Watches a test run that boots Medusa processes in their own process groups: once the run's
// process is gone without cleaning up (Ctrl-C, a kill, a crash, a CI timeout), it kills those
// groups, empties the Redis database and drops the Postgres database the run used, then exits.
// Started by startOrphanGuard (lib/medusa.js); reads what to clean from a JSON state file
// `{ groups: number[], redisUrl?: string, database?: string }` the run keeps up to date.
//
//   node scripts/lib/orphan-guard.js <pid to watch> <state file>
const fs = require("fs")

const [watchedPid, stateFile] = process.argv.slice(2)

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === "EPERM"
  }
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(stateFile, "utf8"))
  } catch {
    return { groups: [] }
  }
}

async function cleanUp() {
  const state = readState()
  for (const group of state.groups || []) {
    try {
      process.kill(-group, "SIGKILL")
    } catch {}
  }
  if (state.redisUrl) {
    const Redis = require("ioredis")
    const redis = new Redis(state.redisUrl, { maxRetriesPerRequest: 1, retryStrategy: () => null })
    await redis.flushdb().catch(() => {})
    redis.disconnect()
  }
  if (state.database) {
    const { dropDatabase } = require("./medusa")
    await dropDatabase(process.env, state.database).catch(() => {})
  }
  fs.rmSync(stateFile, { force: true })
}

const timer = setInterval(() => {
  if (!fs.existsSync(stateFile)) process.exit(0) // the run cleaned up and let go
  if (alive(Number(watchedPid))) return
  clearInterval(timer)
  cleanUp().finally(() => process.exit(0))
}, 1000)
