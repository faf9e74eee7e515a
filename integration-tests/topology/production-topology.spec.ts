import Medusa from "@medusajs/js-sdk"
// ioredis: the client of Medusa's own Redis modules (a dependency of @medusajs/framework).
import Redis from "ioredis"
import fs from "fs"
import net from "net"
import path from "path"

// Medusa's production topology (docs/topology.md): two `server` processes (HTTP only: no
// subscribers, no jobs) and two `worker` processes (subscribers and scheduled jobs; they still
// answer /health) on one fresh database, sharing Redis for the event bus, the workflow engine
// and locking. Everything goes through real HTTP on the server: a storefront buys a credit pack
// and the workers' subscribers grant it; holds with a 1-second TTL are expired by the workers'
// minute job, in one run of one worker; 100 provider charges split across both servers cross an
// account's auto-recharge trigger, and the workers' subscribers start exactly one recharge.
//
// The apps are `medusa start` processes (NODE_ENV=development) from the repository root, each in
// its own process group, logs in test-artifacts/topology/. Isolation from other runs: a database
// named after this run and a Redis database index (1–15) claimed for it, flushed afterwards.

// The scripts' helpers (plain JS): Postgres URLs, Medusa processes, the orphan guard.
const { databaseUrl } = require("../../scripts/lib/postgres") as { databaseUrl: (env: NodeJS.ProcessEnv, db: string) => string }
const medusa = require("../../scripts/lib/medusa") as MedusaLib

jest.setTimeout(300_000)

type Child = import("child_process").ChildProcess & { exited: Promise<{ code: number | null; signal: string | null }> }
type MedusaLib = {
  ROOT: string
  recreateDatabase(env: NodeJS.ProcessEnv, name: string): Promise<void>
  dropDatabase(env: NodeJS.ProcessEnv, name: string): Promise<void>
  startMedusa(args: string[], opts: { env: Record<string, string | undefined>; logFile: string }): Child
  runMedusa(args: string[], opts: { env: Record<string, string | undefined>; logFile: string; timeoutMs?: number; onStart?: (child: Child) => void }): Promise<void>
  waitHealthy(baseUrl: string, child: Child, opts: { timeoutMs?: number; what?: string; logFile?: string }): Promise<void>
  signalGroup(child: Child, sig: NodeJS.Signals): boolean
  stopMedusa(child: Child, opts?: { graceMs?: number }): Promise<void>
  startOrphanGuard(stateFile: string): { record(patch: { redisUrl?: string; database?: string }): void; addGroup(pid: number): void; release(): void }
}

const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`
const DB_NAME = `medusa_iap_topology_${RUN_ID}`
const LOGS = path.join(medusa.ROOT, "test-artifacts", "topology", RUN_ID)
const REDIS_BASE = (process.env.IAP_TEST_REDIS_URL || "redis://127.0.0.1:6379").replace(/\/\d*$/, "")
const CLAIM_KEY = "iap:topology:claim"
const ADMIN = { email: "admin@topology.test", password: "topology-secret" }
const HOLDS = 12
const EVENT_QUEUE = "RedisEventBusService:events-queue"

/** Claims an empty Redis database (15 down to 1) for this run: a key only this run sets. */
async function claimRedisDb() {
  const probe = new Redis(REDIS_BASE, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  try {
    await probe.connect()
    await probe.ping()
  } catch (e) {
    throw new Error(`Redis is not reachable at ${REDIS_BASE} (${(e as Error).message}): start one (redis-server --port 6379) or set IAP_TEST_REDIS_URL`)
  } finally {
    probe.disconnect()
  }
  for (let db = 15; db >= 1; db--) {
    const client = new Redis(`${REDIS_BASE}/${db}`, { maxRetriesPerRequest: 1 })
    const claimed = (await client.set(CLAIM_KEY, RUN_ID, "EX", 900, "NX")) === "OK"
    if (claimed && (await client.dbsize()) === 1) return { db, url: `${REDIS_BASE}/${db}`, client }
    if (claimed) await client.del(CLAIM_KEY)
    await client.quit()
  }
  throw new Error(`no free Redis database (1–15) on ${REDIS_BASE}`)
}

/**
 * A port to listen on, below Linux's ephemeral range (32768+): a port the OS handed out for
 * listening is also one it may give to an outgoing connection (the booting apps open dozens to
 * Postgres and Redis) before the app it was meant for binds it.
 */
async function freePort(taken: number[]): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    if (taken.includes(port)) continue
    const free = await new Promise<boolean>((resolve) => {
      const srv = net.createServer()
      srv.once("error", () => resolve(false))
      srv.listen(port, () => srv.close(() => resolve(true)))
    })
    if (free) return port
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Removes the logs of earlier runs (older than an hour: a parallel run keeps its own). */
function pruneOldLogs() {
  const dir = path.dirname(LOGS)
  if (!fs.existsSync(dir)) return
  for (const name of fs.readdirSync(dir)) {
    const run = path.join(dir, name)
    if (Date.now() - fs.statSync(run).mtimeMs > 3600_000) fs.rmSync(run, { recursive: true, force: true })
  }
}

/** Polls `read` until `done` holds for its value; fails with the last value after `timeoutMs`. */
async function until<T>(what: string, read: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs / 1000} s`)
    await sleep(500)
  }
}

describe("production topology: 2 servers + 2 workers on Redis", () => {
  const children: Child[] = []
  let server: Child
  let server2: Child
  let baseUrl2: string
  let workers: Child[] = []
  let redis: Redis
  let monitor: Redis | null = null
  let redisDb: number
  let dbCreated = false
  let baseUrl: string
  let admin: Medusa
  /** The `iap.hold.expired` events each Redis command wrote (one entry per emit call). */
  const holdExpiredEmits: string[][] = []

  /** Empties the claimed Redis database and drops the run's database. */
  const releaseStores = async () => {
    monitor?.disconnect()
    if (redis) {
      await redis.flushdb().catch(() => {})
      await redis.quit().catch(() => {})
    }
    if (dbCreated) await medusa.dropDatabase(process.env, DB_NAME).catch(() => {})
  }
  // The apps live in their own process groups and would outlive an interrupted run (Ctrl-C,
  // a kill, a CI timeout): a guard process cleans up after it if it cannot.
  let guard: ReturnType<MedusaLib["startOrphanGuard"]> | null = null
  const guarded = (child: Child) => guard!.addGroup(child.pid!)

  const iap = <T = any>(pathname: string, init: { method?: string; body?: unknown; query?: Record<string, string> } = {}) =>
    admin.client.fetch<T>(pathname, { method: init.method ?? "GET", body: init.body as any, query: init.query })

  const account = async (id: string) => (await iap<{ account: any }>(`/admin/iap/accounts/${id}`)).account

  const provider = async (key: string, route: string, body: unknown, base = baseUrl) => {
    const res = await fetch(`${base}/iap/v1/${route}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }

  /** Names of the events waiting in the Redis event bus for a worker to take them. */
  const waitingEvents = async () => {
    const ids = [...(await redis.lrange(`${EVENT_QUEUE}:wait`, 0, -1)), ...(await redis.zrange(`${EVENT_QUEUE}:prioritized`, 0, -1))]
    const names = await Promise.all(ids.map((id) => redis.hget(`${EVENT_QUEUE}:${id}`, "name")))
    return names.filter(Boolean).sort() as string[]
  }

  let holdService: { key: string; accountId: string; token: string; holdIds: string[] }

  beforeAll(async () => {
    pruneOldLogs()
    guard = medusa.startOrphanGuard(path.join(LOGS, "guard.json"))
    const claim = await claimRedisDb()
    redis = claim.client
    redisDb = claim.db
    guard.record({ redisUrl: claim.url, database: DB_NAME })
    const pgEnv = process.env
    await medusa.recreateDatabase(pgEnv, DB_NAME)
    dbCreated = true
    // Medusa's own processes: not jest's, logs at info in the files, the plugin options this
    // test expects. Empty values, not absent ones: a .env file cannot fill them in
    // (migrate and `medusa user` run without Redis, so neither takes events or job ticks).
    const common = {
      DATABASE_URL: databaseUrl(pgEnv, DB_NAME),
      IAP_ADMIN_DISABLED: "true",
      IAP_GRANT_ON: "payment_captured",
      IAP_THIRD_PARTY_SERVICES: "enabled",
      LOG_LEVEL: process.env.IAP_TOPOLOGY_LOG_LEVEL || "info",
      REDIS_URL: "",
      MEDUSA_WORKER_MODE: "shared",
      NODE_OPTIONS: undefined,
      JEST_WORKER_ID: undefined,
      TEST_TYPE: undefined,
    }
    await medusa.runMedusa(["db:migrate", "--execute-safe-links"], { env: common, logFile: path.join(LOGS, "migrate.log"), timeoutMs: 180_000, onStart: guarded })

    const ports: number[] = []
    for (let i = 0; i < 4; i++) ports.push(await freePort(ports))
    baseUrl = `http://127.0.0.1:${ports[0]}`
    baseUrl2 = `http://127.0.0.1:${ports[3]}`
    // A process that exits while booting is started once more, as a process manager would (five
    // Medusa processes boot at once on one fresh database and Redis); what it printed is shown.
    const start = (mode: "server" | "worker", port: number, name: string) => {
      const app = { child: null as unknown as Child, ready: Promise.resolve() }
      const launch = (logFile: string) => {
        app.child = medusa.startMedusa(["start", "--port", String(port)], {
          env: { ...common, REDIS_URL: claim.url, MEDUSA_WORKER_MODE: mode },
          logFile,
        })
        children.push(app.child)
        guarded(app.child)
        return medusa.waitHealthy(`http://127.0.0.1:${port}`, app.child, { timeoutMs: 180_000, what: name, logFile })
      }
      app.ready = launch(path.join(LOGS, `${name}.log`)).catch((e: Error) => {
        if (!/stopped while booting/.test(e.message)) throw e
        console.warn(`${e.message}\n— started once more`)
        return launch(path.join(LOGS, `${name}-again.log`))
      })
      return app
    }
    const booting = [
      start("server", ports[0], "server"),
      start("worker", ports[1], "worker-1"),
      start("worker", ports[2], "worker-2"),
      start("server", ports[3], "server-2"),
    ]
    // The admin user, meanwhile, as a store operator makes one (no Redis: not a fourth worker).
    await Promise.all([
      medusa.runMedusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], { env: common, logFile: path.join(LOGS, "user.log"), timeoutMs: 180_000, onStart: guarded }),
      ...booting.map((b) => b.ready),
    ])
    server = booting[0].child
    workers = [booting[1].child, booting[2].child]
    server2 = booting[3].child

    admin = new Medusa({ baseUrl, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
    await admin.auth.login("user", "emailpass", ADMIN)

    // Every `iap.hold.expired` a process emits: a workflow stages its events in Redis (RPUSH to
    // `staging:<group>`) before releasing them, whether or not anything subscribes.
    monitor = await new Redis(claim.url).monitor()
    monitor.on("monitor", (_time: string, args: string[], _source: string, database: string) => {
      if (Number(database) !== redisDb || String(args[0]).toLowerCase() !== "rpush" || !String(args[1]).startsWith("staging:")) return
      const ids = args
        .slice(2)
        .map((raw) => JSON.parse(raw))
        .filter((e) => e.name === "iap.hold.expired")
        .map((e) => e.data.data.id as string)
      if (ids.length) holdExpiredEmits.push(ids)
    })

    // Holds first (the job ticks on the minute), then the purchase runs while they wait. All are
    // made in the same minute, so the one tick that expires them is the next one.
    const { service, key } = await iap<{ service: any; key: string }>("/admin/iap/services", {
      method: "POST",
      body: { technical_name: "reveal", name: "Lead reveal", provider_type: "third_party" },
    })
    const created = await iap<{ account: any; token: string }>("/admin/iap/accounts", { method: "POST", body: { service_id: service.id } })
    await iap(`/admin/iap/accounts/${created.account.id}/grant`, { method: "POST", body: { amount: 100, note: "topology seed" } })
    // Not near a minute boundary, where a tick (or one still running late) could take part of them.
    const inMinute = Date.now() % 60_000
    if (inMinute < 5_000) await sleep(5_000 - inMinute)
    if (inMinute > 50_000) await sleep(65_000 - inMinute)
    const holds = await Promise.all(
      Array.from({ length: HOLDS }, (_, i) =>
        provider(key, "authorize", { account_token: created.token, credits: 1, idempotency_key: `hold-${i}`, ttl_seconds: 1 })
      )
    )
    expect(holds.map((h) => h.status)).toEqual(Array(HOLDS).fill(200))
    holdService = { key, accountId: created.account.id, token: created.token, holdIds: holds.map((h) => h.body.hold.id) }
  })

  afterAll(async () => {
    await Promise.all(children.map((c) => medusa.stopMedusa(c, { graceMs: 10_000 })))
    await releaseStores()
    guard?.release()
  })

  it("runs each process in its mode: the server serves the API, the workers only /health", async () => {
    expect((await fetch(`${baseUrl}/store/iap/packs`)).status).toBe(400) // publishable key missing: the API is there
    for (const app of [server, server2, ...workers]) expect([app.exitCode, app.signalCode]).toEqual([null, null])
    expect((await fetch(`${baseUrl2}/store/iap/packs`)).status).toBe(400)
    const workerPort = (w: Child) => Number((w as any).spawnargs[(w as any).spawnargs.indexOf("--port") + 1])
    for (const w of workers) expect((await fetch(`http://127.0.0.1:${workerPort(w)}/admin/iap/services`)).status).toBe(404)
  })

  it("buys a pack through the server: the order waits in Redis until a worker's subscribers grant it", async () => {
    const { sales_channel } = await admin.admin.salesChannel.create({ name: "Webshop" })
    const { region } = await admin.admin.region.create({ name: "Europe", currency_code: "eur", countries: ["de"], payment_providers: ["pp_system_default"] })
    const { api_key } = await admin.admin.apiKey.create({ title: "Webshop", type: "publishable" })
    await admin.admin.apiKey.batchSalesChannels(api_key.id, { add: [sales_channel.id] })
    const { service } = await iap<{ service: any }>("/admin/iap/services", { method: "POST", body: { technical_name: "sms", name: "SMS", integer_credits: true } })
    const { packs } = await iap<{ packs: any[] }>("/admin/iap/packs/products", {
      method: "POST",
      body: { service_id: service.id, title: "SMS credits", sales_channel_ids: [sales_channel.id], packs: [{ credits: 100, prices: [{ currency_code: "eur", amount: 10 }] }] },
    })

    const store = new Medusa({ baseUrl, publishableKey: api_key.token, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
    await store.auth.register("customer", "emailpass", { email: "carla@topology.test", password: "supersecret" })
    const { customer } = await store.store.customer.create({ email: "carla@topology.test", first_name: "Carla", last_name: "Customer" })
    await store.auth.login("customer", "emailpass", { email: "carla@topology.test", password: "supersecret" })
    let { cart } = await store.store.cart.create({ region_id: region.id })
    ;({ cart } = await store.store.cart.createLineItem(cart.id, { variant_id: packs[0].product_variant.id, quantity: 2 }))
    // The delivery step: packs ship with the plugin's free "Instant delivery" (docs/checkout.md).
    const { shipping_options } = await store.store.fulfillment.listCartOptions({ cart_id: cart.id })
    expect(shipping_options.map((o) => [o.name, o.amount])).toEqual([["Instant delivery", 0]])
    ;({ cart } = await store.store.cart.addShippingMethod(cart.id, { option_id: shipping_options[0].id }))
    await store.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })

    // Pause both workers: whatever happens now is the server's doing alone.
    for (const w of workers) expect(medusa.signalGroup(w, "SIGSTOP")).toBe(true)
    let order: any
    try {
      const done = await store.store.cart.complete(cart.id)
      if (done.type !== "order") throw new Error(`cart not completed: ${JSON.stringify(done.error)}`)
      order = done.order
      const { order: withPayments } = await admin.admin.order.retrieve(order.id, { fields: "id,payment_collections.payments.id" })
      await admin.admin.payment.capture(withPayments.payment_collections![0].payments![0].id, {})
      await sleep(3_000)
      const accountsWhilePaused = (await iap<{ accounts: any[] }>("/admin/iap/accounts", { query: { customer_id: customer.id } })).accounts
      expect(accountsWhilePaused).toEqual([])
      const waiting = await waitingEvents()
      expect(waiting).toEqual(expect.arrayContaining(["order.placed", "payment.captured"]))
    } finally {
      for (const w of workers) medusa.signalGroup(w, "SIGCONT")
    }

    const [bought] = await until(
      "the bought credits",
      async () => (await iap<{ accounts: any[] }>("/admin/iap/accounts", { query: { customer_id: customer.id } })).accounts,
      (accounts) => accounts.length === 1 && Number(accounts[0].available) === 200,
      30_000
    )
    expect(bought).toMatchObject({ service: "sms", balance: 200, pending: 0, reserved: 0, available: 200 })
    const { transactions } = await iap<{ transactions: any[] }>("/admin/iap/transactions", { query: { account_id: bought.id } })
    expect(transactions.map((t) => [t.type, Number(t.amount)])).toEqual([["purchase", 200]])
    // The workers drain the queue (the events the grant itself announces included).
    await until("the events waiting in Redis", waitingEvents, (names) => names.length === 0, 15_000)
  })

  it("expires the 1-second holds on the workers' minute job: one run of one worker, each hold once", async () => {
    const { accountId, holdIds } = holdService
    const expired = await until("the reserved credits", () => account(accountId), (a) => Number(a.reserved) === 0, 80_000)
    expect(expired).toMatchObject({ balance: 100, reserved: 0, available: 100 })
    // Give the other worker a chance to run a second, duplicate expiry if the tick were not shared.
    await sleep(2_000)
    expect(holdExpiredEmits).toHaveLength(1)
    expect([...holdExpiredEmits[0]].sort()).toEqual([...holdIds].sort())
    // Expired holds no longer capture, and nothing was charged for them.
    const capture = await provider(holdService.key, "capture", { account_token: holdService.token, hold_id: holdIds[0], idempotency_key: "late" })
    expect(capture.status).toBe(409)
    const { transactions } = await iap<{ transactions: any[] }>("/admin/iap/transactions", { query: { account_id: accountId } })
    expect(transactions.map((t) => t.type)).toEqual(["grant"])
  })

  it("100 charges split across both servers cross the auto-recharge trigger: one recharge, one order, one payment; pending, then available on capture", async () => {
    const CARD = "pp_iaptest_card"
    const { stores } = await admin.admin.store.list({ fields: "id,default_sales_channel_id" })
    const channelId = stores[0].default_sales_channel_id!
    const { region } = await admin.admin.region.create({ name: "France", currency_code: "eur", countries: ["fr"], payment_providers: [CARD] })
    const { api_key } = await admin.admin.apiKey.create({ title: "Default channel", type: "publishable" })
    await admin.admin.apiKey.batchSalesChannels(api_key.id, { add: [channelId] })
    const { service, key } = await iap<{ service: any; key: string }>("/admin/iap/services", {
      method: "POST",
      body: { technical_name: "lookup", name: "Company lookup", provider_type: "third_party", integer_credits: true },
    })
    const { packs } = await iap<{ packs: any[] }>("/admin/iap/packs/products", {
      method: "POST",
      body: { service_id: service.id, title: "Lookup credits", sales_channel_ids: [channelId], packs: [{ credits: 100, prices: [{ currency_code: "eur", amount: 20 }] }] },
    })
    const variantId = packs[0].product_variant.id

    // A signed-in customer's first payment session at the card provider makes them its account
    // holder: their saved test cards (the cart itself is never completed).
    const store = new Medusa({ baseUrl: baseUrl2, publishableKey: api_key.token, auth: { type: "jwt", jwtTokenStorageMethod: "memory" } })
    await store.auth.register("customer", "emailpass", { email: "dora@topology.test", password: "supersecret" })
    const { customer } = await store.store.customer.create({ email: "dora@topology.test", first_name: "Dora", last_name: "Customer" })
    await store.auth.login("customer", "emailpass", { email: "dora@topology.test", password: "supersecret" })
    let { cart } = await store.store.cart.create({ region_id: region.id })
    ;({ cart } = await store.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity: 1 }))
    await store.store.payment.initiatePaymentSession(cart, { provider_id: CARD })

    const { account: opened, token } = await iap<{ account: any; token: string }>("/admin/iap/accounts", { method: "POST", body: { service_id: service.id, customer_id: customer.id } })
    await iap(`/admin/iap/accounts/${opened.id}/grant`, { method: "POST", body: { amount: 100, note: "topology recharge seed" } })
    const { payment_methods } = await iap<{ payment_methods: any[] }>(`/admin/iap/accounts/${opened.id}/payment-methods`)
    const visa = payment_methods.find((m) => m.data.behaviour === "visa")
    expect(visa).toMatchObject({ id: `pm_visa_cus_${customer.id}`, provider_id: CARD })
    await iap(`/admin/iap/accounts/${opened.id}/auto-recharge`, {
      method: "POST",
      body: { variant_id: variantId, trigger: 50, region_id: region.id, provider_id: CARD, payment_method_id: visa.id },
    })

    // 100 concurrent 1-credit charges, alternating between the two servers: 100 → 0 available,
    // crossing 50 once; the workers take the 100 debit events from Redis side by side.
    const charges = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        provider(key, "charge", { account_token: token, credits: 1, idempotency_key: `burst-${i}` }, i % 2 ? baseUrl2 : baseUrl)
      )
    )
    expect(charges.map((c) => c.status)).toEqual(Array(100).fill(200))

    type Recharges = { auto_recharge: any; recharges: any[] }
    const autoRecharge = () => iap<Recharges>(`/admin/iap/accounts/${opened.id}/auto-recharge`)
    await until("the recharge", autoRecharge, (r) => r.recharges.some((x) => x.status === "succeeded"), 90_000)
    const pending = await until("the recharge's pending credits", () => account(opened.id), (a) => Number(a.pending) === 100, 30_000)
    expect(pending).toMatchObject({ balance: 0, reserved: 0, pending: 100, available: 0 })
    // Every debit event handled by now (the queue empty); none started a second attempt.
    await until("the events waiting in Redis", waitingEvents, (names) => names.length === 0, 30_000)
    const { recharges } = await autoRecharge()
    expect(recharges).toHaveLength(1)
    const [recharge] = recharges
    expect(recharge).toMatchObject({ status: "succeeded", attempt: 1, credits: 100, amount: 20, currency_code: "eur", provider_id: CARD, payment_method_id: visa.id })

    const { orders } = await admin.admin.order.list({ customer_id: customer.id, fields: "id,total,items.variant_id,items.quantity,payment_collections.payments.id,payment_collections.payments.captured_at" } as any)
    expect(orders.map((o) => o.id)).toEqual([recharge.order_id])
    expect(orders[0].items!.map((i) => [i.variant_id, i.quantity])).toEqual([[variantId, 1]])
    const payments = orders[0].payment_collections!.flatMap((c) => c.payments ?? [])
    expect(payments.map((p) => [p.id, p.captured_at ?? null])).toEqual([[recharge.payment_id, null]])

    await admin.admin.payment.capture(recharge.payment_id, {})
    const available = await until("the captured credits", () => account(opened.id), (a) => Number(a.available) === 100, 30_000)
    expect(available).toMatchObject({ balance: 100, reserved: 0, pending: 0, available: 100 })
    // Back above the trigger: armed again for the next crossing.
    await until("the re-armed trigger", autoRecharge, (r) => r.auto_recharge.armed === true, 30_000)

    const page = (offset: number) => iap<{ transactions: any[] }>("/admin/iap/transactions", { query: { account_id: opened.id, order: "seq", limit: "100", offset: String(offset) } })
    const ledger = [...(await page(0)).transactions, ...(await page(100)).transactions]
    expect(ledger.map((t) => [t.type, Number(t.amount)])).toEqual([["grant", 100], ...Array(100).fill(["debit", -1]), ["purchase", 100]])
    expect(ledger.map((t) => Number(t.balance_after))).toEqual([100, ...Array.from({ length: 100 }, (_, i) => 99 - i), 100])
    expect((await autoRecharge()).recharges.map((r) => r.id)).toEqual([recharge.id])
  })
})
