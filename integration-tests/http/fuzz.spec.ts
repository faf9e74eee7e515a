import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { seedCheckoutFixtures } from "./helpers/checkout-fixtures"
import { signedInCustomer } from "./helpers/portal-fixtures"

jest.setTimeout(600_000)

/**
 * Seeded fuzzing of every IAP route (admin, store, provider): no request may answer ≥ 500,
 * every malformed request to a route that writes answers 4xx, and the ledger, accounts,
 * services and packs are exactly as before. The seed is printed; replay a failure with
 * `IAP_FUZZ_SEED=<seed> npm test -- http integration-tests/http/fuzz.spec.ts`.
 */

const SEED = Number(process.env.IAP_FUZZ_SEED || Date.now() % 2 ** 31)
const REQUESTS = Number(process.env.IAP_FUZZ_REQUESTS || 2400)

/** mulberry32: a small seeded PRNG, so a failing run can be replayed exactly. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] }
}

/** A JSON number written exactly as given (1e309, 0.30000000000000004...), which JSON.stringify cannot produce. */
class Raw {
  constructor(readonly text: string) {}
}

function toJson(value: unknown): string {
  const raws: string[] = []
  const text = JSON.stringify(value, (_k, v) => (v instanceof Raw ? `__RAW_${raws.push(v.text) - 1}__` : v))
  return text.replace(/"__RAW_(\d+)__"/g, (_m, i) => raws[Number(i)])
}

type Kind = "amount" | "amount0" | "string" | "text" | "posnum" | "usage" | "enum" | "int" | "emails" | "date" | "bool" | "record" | "ids"
type Field = { kind: Kind; required?: boolean; nullable?: boolean }
type Route = {
  method: "GET" | "POST" | "DELETE"
  path: string
  auth: "admin" | "store" | "provider" | "none"
  /** Body fields of a write, with a valid body to mutate. */
  fields?: Record<string, Field>
  body?: Record<string, unknown>
  /** Query parameters a read knows (the fuzzer also sends unknown ones). */
  query?: string[]
  writes: boolean
  /** Odoo's JSON-RPC: the fields are the envelope's `params`; a refusal is a 200 with `error`. */
  rpc?: boolean
}

const LONG = "x".repeat(300)
const HUGE = "y".repeat(120_000)
const NUL_STRINGS = ["\u0000", "a\u0000b", "\u0000\u0000\u0000"]
const BAD: Record<Kind, unknown[]> = {
  amount: [new Raw("0.30000000000000004"), new Raw("1.0000000000000002"), new Raw("1e309"), new Raw("-1e309"), new Raw("1e-7"), new Raw("12345678901234567890"), 0, -1, -0.5, "abc", "", " ", "1,5", "0x10", "1e3", "+5", ".5", "NaN", "Infinity", true, [], {}, null, 1e13, "0.00001", ...NUL_STRINGS],
  amount0: [new Raw("0.30000000000000004"), new Raw("1e309"), new Raw("1e-7"), -1, "abc", "", "1e3", true, [], {}, 1e13, "0.00001", ...NUL_STRINGS],
  string: ["", "   ", 123, true, [], {}, HUGE, ...NUL_STRINGS],
  /** Optional free text, where "" is fine. */
  text: [123, true, [], {}, HUGE, ...NUL_STRINGS],
  enum: ["nope", "", 1, true, [], {}, "ACTIVE", ...NUL_STRINGS],
  /** A rate-card usage ("reveal" has no rate card, so even a well-formed one is refused). */
  usage: [{}, "sms_part", [], { metric: "" }, { metric: "lead", quantity: -1 }, { metric: "lead", quantity: new Raw("1e309") }, { metric: "lead", quantity: 1, dimensions: { country: "\u0000" } }, { metric: "lead", quantity: 1 }, { metric: "lead", quantity: new Raw("0.30000000000000004") }],
  /** A positive number, fractions allowed (Odoo's ttl in hours). */
  posnum: [0, -1, -0.5, new Raw("1e309"), "10", true, [], {}, ...NUL_STRINGS],
  int: [0, -1, 1.5, new Raw("1e309"), "10", 99_999_999_999, true, [], ...NUL_STRINGS],
  emails: ["x@y.z", ["not-an-email"], ["a@b.c", "\u0000@b.c"], Array.from({ length: 11 }, (_, i) => `u${i}@e.test`), [1], {}],
  date: ["2020-13-45", "0000-01-01", "+275760-09-13T00:00:00.000Z", "2020-02-30T00:00:00Z", "2020-01-01T25:00:00Z", "yesterday", 12345, "", ...NUL_STRINGS],
  bool: ["true", 1, [], {}, "\u0000"],
  record: ["str", 5, [1, 2], true, ...NUL_STRINGS],
  ids: ["x", [""], [1], [null], [{}], ["\u0000"], {}],
}
/** Values a read's query may carry: some valid, most not. */
const QUERY_VALUES = [
  "", "1", "-1", "0", "100000", "1e400", "NaN", "sms", "foo", "-seq", "seq", "created_at", "-created_at", "balance",
  "2020-13-45", "0000-01-01", "2030-01-01", "2030-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", LONG,
  "service.key_hash", "*service", "service.*", "token_hash", "id,service.key_hash", "id", "' OR 1=1 --", "../../etc/passwd",
  "active,closed", "promotional", "%", "_", "\u0000", "a\u0000b", "😀", "\ud800",
]
/** A lone surrogate has no UTF-8 form: it goes as the bytes of one (which no decoder accepts). */
const encodeQueryValue = (v: string) => (v === "\ud800" ? "%ED%A0%80" : encodeURIComponent(v))
const BAD_IDS = ["%00", "a%00b", "..%2F..%2Fadmin", "%2e%2e", "iapacc_" + "9".repeat(500), "%F0%9F%98%80", "'%20OR%201=1", "null", "undefined", "0", "-1", "%20"]

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    it(`answers every malformed request with a 4xx and changes nothing (seed ${SEED}, ${REQUESTS} requests)`, async () => {
      process.stdout.write(`IAP fuzz seed: ${SEED} (replay with IAP_FUZZ_SEED=${SEED})\n`)
      const container = getContainer()
      const f = await seedCheckoutFixtures(container, api)
      const customer = await signedInCustomer(api, f.keys.webshop, "fuzz@iap.test")
      const { service: reveal, key } = await f.iap.createService({ technical_name: "reveal", name: "Reveal", provider_type: "third_party", trial_credits: 0 })
      const own = await f.iap.createAccount({ service_id: f.service.id, customer_id: customer.id, warning_threshold: 10 })
      const leads = await f.iap.createAccount({ service_id: reveal.id, customer_id: customer.id })
      const { lot } = await f.iap.grantCredits({ account_id: own.account.id, amount: 50, idempotency_key: "g1" })
      await f.iap.grantCredits({ account_id: leads.account.id, amount: 20.5, idempotency_key: "g1" })
      const { hold } = await f.iap.authorizeCredits({ account_id: leads.account.id, amount: 2, idempotency_key: "h1" })
      const pack = f.packs[0]

      const ids: Record<string, string> = {
        account: own.account.id,
        leads: leads.account.id,
        service: f.service.id,
        lot: lot.id,
        pack: pack.id,
        order: "order_01FUZZ",
        name: "sms",
        version: "iaprv_01FUZZ",
      }
      const token = leads.token

      const routes: Route[] = [
        // Provider API
        { method: "POST", path: "/iap/v1/balance", auth: "provider", writes: false, fields: { account_token: { kind: "string", required: true }, sales_channel_id: { kind: "string", nullable: true } }, body: { account_token: token } },
        { method: "POST", path: "/iap/v1/charge", auth: "provider", writes: true, fields: { account_token: { kind: "string", required: true }, credits: { kind: "amount", required: true }, idempotency_key: { kind: "string", required: true }, description: { kind: "text", nullable: true }, sales_channel_id: { kind: "string", nullable: true } }, body: { account_token: token, credits: 1, idempotency_key: "c1", description: "x" } },
        { method: "POST", path: "/iap/v1/authorize", auth: "provider", writes: true, fields: { account_token: { kind: "string", required: true }, credits: { kind: "amount", required: true }, idempotency_key: { kind: "string", required: true }, ttl_seconds: { kind: "int" }, description: { kind: "text", nullable: true } }, body: { account_token: token, credits: 1, idempotency_key: "a1", ttl_seconds: 60 } },
        { method: "POST", path: "/iap/v1/capture", auth: "provider", writes: true, fields: { account_token: { kind: "string", required: true }, hold_id: { kind: "string", required: true }, credits: { kind: "amount0" }, idempotency_key: { kind: "string", required: true } }, body: { account_token: token, hold_id: hold.id, credits: 1, idempotency_key: "cap1" } },
        { method: "POST", path: "/iap/v1/cancel", auth: "provider", writes: true, fields: { account_token: { kind: "string", required: true }, hold_id: { kind: "string", required: true }, idempotency_key: { kind: "string", required: true } }, body: { account_token: token, hold_id: hold.id, idempotency_key: "can1" } },
        { method: "GET", path: "/iap/v1/health", auth: "none", writes: false, query: [] },
        { method: "POST", path: "/iap/v1/charge", auth: "provider", writes: true, fields: { account_token: { kind: "string", required: true }, usage: { kind: "usage", required: true }, idempotency_key: { kind: "string", required: true } }, body: { account_token: token, usage: { metric: "lead", quantity: 1 }, idempotency_key: "u1" } },
        { method: "POST", path: "/iap/v1/estimate", auth: "provider", writes: false, fields: { account_token: { kind: "string", required: true }, usage: { kind: "usage", required: true } }, body: { account_token: token, usage: { metric: "lead", quantity: 1 } } },
        { method: "GET", path: "/store/iap/services/:name/rates", auth: "store", writes: false, query: [] },
        { method: "GET", path: "/admin/iap/services/:service/rate-versions", auth: "admin", writes: false, query: [] },
        { method: "POST", path: "/admin/iap/services/:service/rate-versions", auth: "admin", writes: true, fields: { valid_from: { kind: "date" }, note: { kind: "text", nullable: true }, rates: { kind: "ids", required: true } }, body: { valid_from: "2031-01-01T00:00:00Z", rates: [{ metric: "sms_part", unit_credits: 1 }] } },
        { method: "GET", path: "/admin/iap/services/:service/rate-versions/:version", auth: "admin", writes: false, query: [] },
        { method: "POST", path: "/admin/iap/services/:service/rate-versions/:version", auth: "admin", writes: true, fields: { valid_from: { kind: "date" }, note: { kind: "text", nullable: true }, rates: { kind: "ids" } }, body: { note: "x" } },
        { method: "GET", path: "/admin/iap/services/:service/rate-versions/:version/export", auth: "admin", writes: false, query: [] },
        { method: "POST", path: "/admin/iap/services/:service/import-rates", auth: "admin", writes: true, fields: { valid_from: { kind: "date" }, note: { kind: "text", nullable: true }, csv: { kind: "string", required: true } }, body: { valid_from: "2031-01-01T00:00:00Z", csv: "metric,unit_credits\r\nsms_part,1\r\n" } },
        // Store API
        { method: "GET", path: "/store/iap/accounts", auth: "store", writes: false, query: ["service", "state", "limit", "offset"] },
        { method: "GET", path: "/store/iap/accounts/:account", auth: "store", writes: false, query: [] },
        { method: "POST", path: "/store/iap/accounts/:account", auth: "store", writes: true, fields: { warning_threshold: { kind: "amount0", nullable: true }, warning_emails: { kind: "emails" } }, body: { warning_threshold: 5, warning_emails: ["a@b.test"] } },
        { method: "GET", path: "/store/iap/accounts/:account/transactions", auth: "store", writes: false, query: ["type", "created_at[$gte]", "created_at[$lte]", "order", "limit", "offset", "reference_type", "reference_id"] },
        { method: "GET", path: "/store/iap/consumption", auth: "store", writes: false, query: ["from", "to", "account_id", "service"] },
        { method: "GET", path: "/store/iap/packs", auth: "store", writes: false, query: ["region_id", "currency_code", "service"] },
        // Admin API
        { method: "GET", path: "/admin/iap/services", auth: "admin", writes: false, query: ["order", "fields", "q", "id", "status", "provider_type", "limit", "offset"] },
        { method: "POST", path: "/admin/iap/services", auth: "admin", writes: true, fields: { technical_name: { kind: "string", required: true }, name: { kind: "string", required: true }, provider_type: { kind: "enum" }, trial_credits: { kind: "amount0" }, integer_credits: { kind: "bool" }, hold_ttl_seconds: { kind: "int", nullable: true }, metadata: { kind: "record", nullable: true } }, body: { technical_name: "fuzzed", name: "Fuzzed", provider_type: "first_party", trial_credits: 1 } },
        { method: "GET", path: "/admin/iap/services/:service", auth: "admin", writes: false, query: ["fields"] },
        { method: "POST", path: "/admin/iap/services/:service", auth: "admin", writes: true, fields: { name: { kind: "string" }, status: { kind: "enum" }, default_warning_threshold: { kind: "amount0", nullable: true }, unit_name: { kind: "string" } }, body: { name: "Renamed" } },
        { method: "GET", path: "/admin/iap/packs", auth: "admin", writes: false, query: ["fields", "order", "service_id", "variant_id", "limit", "offset"] },
        { method: "POST", path: "/admin/iap/packs", auth: "admin", writes: true, fields: { service_id: { kind: "string", required: true }, variant_id: { kind: "string", required: true }, credits: { kind: "amount", required: true }, expires_after_days: { kind: "int", nullable: true }, category: { kind: "enum" } }, body: { service_id: f.service.id, variant_id: f.variants.sms100, credits: 5 } },
        { method: "GET", path: "/admin/iap/packs/:pack", auth: "admin", writes: false, query: ["fields"] },
        { method: "POST", path: "/admin/iap/packs/:pack", auth: "admin", writes: true, fields: { credits: { kind: "amount" }, expires_after_days: { kind: "int", nullable: true }, category: { kind: "enum" }, metadata: { kind: "record", nullable: true } }, body: { credits: 7 } },
        { method: "POST", path: "/admin/iap/packs/products", auth: "admin", writes: true, fields: { service_id: { kind: "string", required: true }, title: { kind: "string", required: true }, sales_channel_ids: { kind: "ids" }, status: { kind: "enum" } }, body: { service_id: f.service.id, title: "Fuzz pack", packs: [{ credits: 5, prices: [{ currency_code: "eur", amount: 1 }] }] } },
        { method: "GET", path: "/admin/iap/accounts", auth: "admin", writes: false, query: ["order", "service_id", "service", "customer_id", "sales_channel_id", "state", "balance_min", "balance_max", "q", "limit", "offset"] },
        { method: "POST", path: "/admin/iap/accounts", auth: "admin", writes: true, fields: { service_id: { kind: "string", required: true }, customer_id: { kind: "string", nullable: true }, sales_channel_ids: { kind: "ids" }, overdraft_limit: { kind: "amount0" }, warning_threshold: { kind: "amount0", nullable: true }, warning_emails: { kind: "emails" }, metadata: { kind: "record", nullable: true } }, body: { service_id: reveal.id, customer_id: null } },
        { method: "GET", path: "/admin/iap/accounts/:account", auth: "admin", writes: false, query: [] },
        { method: "POST", path: "/admin/iap/accounts/:account", auth: "admin", writes: true, fields: { state: { kind: "enum" }, overdraft_limit: { kind: "amount0" }, warning_threshold: { kind: "amount0", nullable: true }, warning_emails: { kind: "emails" }, sales_channel_ids: { kind: "ids" } }, body: { overdraft_limit: 3 } },
        { method: "POST", path: "/admin/iap/accounts/:account/grant", auth: "admin", writes: true, fields: { amount: { kind: "amount", required: true }, note: { kind: "string", required: true }, category: { kind: "enum" }, expires_at: { kind: "date" }, expires_after_days: { kind: "int" }, idempotency_key: { kind: "string" } }, body: { amount: 5, note: "gift", expires_at: "2031-01-01T00:00:00Z" } },
        { method: "POST", path: "/admin/iap/accounts/:account/adjust", auth: "admin", writes: true, fields: { note: { kind: "string", required: true }, idempotency_key: { kind: "string" } }, body: { amount: -1, note: "fix" } },
        { method: "POST", path: "/admin/iap/accounts/:account/lots/:lot/void", auth: "admin", writes: true, fields: { note: { kind: "string" }, idempotency_key: { kind: "string" } }, body: { note: "void" } },
        { method: "GET", path: "/admin/iap/transactions", auth: "admin", writes: false, query: ["type", "created_at[$gte]", "created_at[$lte]", "order", "limit", "offset", "account_id", "service_id", "customer_id", "reference_type", "reference_id"] },
        { method: "GET", path: "/admin/iap/transactions/export", auth: "admin", writes: false, query: ["type", "created_at[$gte]", "created_at[$lte]", "account_id", "service_id", "customer_id"] },
        { method: "GET", path: "/admin/iap/consumption", auth: "admin", writes: false, query: ["from", "to", "service_id", "service", "account_id", "customer_id"] },
        { method: "GET", path: "/admin/iap/orders/:order/credits", auth: "admin", writes: false, query: [] },
        { method: "GET", path: "/admin/iap/accounts/:account/auto-recharge", auth: "admin", writes: false, query: [] },
        { method: "POST", path: "/admin/iap/accounts/:account/auto-recharge", auth: "admin", writes: true, fields: { enabled: { kind: "bool" }, variant_id: { kind: "string", required: true }, quantity: { kind: "int" }, trigger: { kind: "amount", required: true }, monthly_count_cap: { kind: "int", nullable: true }, monthly_amount_cap: { kind: "amount", nullable: true }, region_id: { kind: "string", required: true }, provider_id: { kind: "string", required: true }, payment_method_id: { kind: "string", required: true } }, body: { variant_id: f.variants.sms100, trigger: 5, region_id: f.region.id, provider_id: "pp_card_card", payment_method_id: "pm_visa_fuzz" } },
        // Store: auto-recharge and saved payment methods
        { method: "GET", path: "/store/iap/accounts/:account/auto-recharge", auth: "store", writes: false, query: [] },
        { method: "POST", path: "/store/iap/accounts/:account/auto-recharge", auth: "store", writes: true, fields: { enabled: { kind: "bool" }, variant_id: { kind: "string", required: true }, quantity: { kind: "int" }, trigger: { kind: "amount", required: true }, monthly_count_cap: { kind: "int", nullable: true }, monthly_amount_cap: { kind: "amount", nullable: true }, region_id: { kind: "string", required: true }, provider_id: { kind: "string", required: true }, payment_method_id: { kind: "string", required: true } }, body: { variant_id: f.variants.sms100, trigger: 5, region_id: f.region.id, provider_id: "pp_card_card", payment_method_id: "pm_visa_fuzz" } },
        { method: "GET", path: "/store/iap/payment-methods", auth: "store", writes: false, query: [] },
        { method: "GET", path: "/admin/iap/accounts/:account/payment-methods", auth: "admin", writes: false, query: [] },
        { method: "GET", path: "/admin/iap/odoo-tokens", auth: "admin", writes: false, query: ["service", "customer_id", "account_id", "dbuuid", "revoked", "limit", "offset"] },
        // Store: Odoo database links
        { method: "GET", path: "/store/iap/odoo-tokens", auth: "store", writes: false, query: ["service", "revoked", "limit", "offset"] },
        { method: "POST", path: "/store/iap/odoo-tokens", auth: "store", writes: true, fields: { service: { kind: "string", required: true }, account_token: { kind: "string", required: true }, dbuuid: { kind: "string", required: true }, sales_channel_id: { kind: "string" } }, body: { service: "reveal", account_token: "a".repeat(32), dbuuid: "6a1c4f3e-8a44-4c4e-9d1e-0c2b8f1b7a10" } },
        // Odoo IAP protocol (JSON-RPC; the service key travels in the params)
        { method: "POST", path: "/iap/1/authorize", auth: "none", writes: true, rpc: true, fields: { account_token: { kind: "string", required: true }, credit: { kind: "amount", required: true }, key: { kind: "string", required: true }, ttl: { kind: "posnum", nullable: true }, description: { kind: "text", nullable: true } }, body: { account_token: token, credit: 1, key, ttl: 1 } },
        { method: "POST", path: "/iap/1/capture", auth: "none", writes: true, rpc: true, fields: { token: { kind: "string", required: true }, key: { kind: "string", required: true }, credit_to_capture: { kind: "amount0", required: true } }, body: { token: hold.id, key, credit_to_capture: 1 } },
        { method: "POST", path: "/iap/1/cancel", auth: "none", writes: true, rpc: true, fields: { token: { kind: "string", required: true }, key: { kind: "string", required: true } }, body: { token: hold.id, key } },
        { method: "POST", path: "/iap/1/balance", auth: "none", writes: false, rpc: true, fields: { account_token: { kind: "string", required: true }, service_name: { kind: "string", required: true } }, body: { account_token: token, service_name: "reveal" } },
        { method: "POST", path: "/iap/1/get-accounts-information", auth: "none", writes: false, rpc: true, fields: { iap_accounts: { kind: "ids", required: true } }, body: { iap_accounts: [{ token, service: "reveal" }] } },
        { method: "POST", path: "/iap/1/update-warning-email-alerts", auth: "none", writes: true, rpc: true, fields: { account_token: { kind: "string", required: true }, warning_threshold: { kind: "amount0", required: true }, warning_emails: { kind: "emails", required: true } }, body: { account_token: token, warning_threshold: 3, warning_emails: [{ email: "a@b.test" }] } },
        { method: "GET", path: "/iap/1/credit", auth: "none", writes: false, query: ["dbuuid", "service_name", "account_token", "credit", "trial"] },
      ]
      // DELETE and the key/token rotations change state by design with any (or no) body: only
      // their paths are fuzzed, with ids that name nothing.
      const pathOnly: Route[] = [
        { method: "DELETE", path: "/admin/iap/services/:service", auth: "admin", writes: true },
        { method: "DELETE", path: "/admin/iap/packs/:pack", auth: "admin", writes: true },
        { method: "POST", path: "/admin/iap/services/:service/rotate-key", auth: "admin", writes: true },
        { method: "POST", path: "/store/iap/accounts/:account/rotate-token", auth: "store", writes: true },
        { method: "POST", path: "/store/iap/odoo-tokens/:account/revoke", auth: "store", writes: true },
        { method: "POST", path: "/admin/iap/odoo-tokens/:account/revoke", auth: "admin", writes: true },
        { method: "DELETE", path: "/store/iap/accounts/:account/auto-recharge", auth: "store", writes: true },
        { method: "DELETE", path: "/admin/iap/services/:service/rate-versions/:version", auth: "admin", writes: true },
        { method: "DELETE", path: "/admin/iap/accounts/:account/auto-recharge", auth: "admin", writes: true },
      ]

      const snapshot = async () => {
        const q = async (sql: string) => (await dbConnection.raw(sql)).rows
        return {
          accounts: await q(`SELECT id, balance::text, reserved::text, debt::text, pending::text, state, overdraft_limit::text, warning_threshold::text, warning_emails, sales_channel_ids, token_hash, metadata FROM iap_account ORDER BY id`),
          ledger: await q(`SELECT id, account_id, type, amount::text, balance_after::text FROM iap_transaction ORDER BY seq`),
          lots: await q(`SELECT id, remaining::text, reserved::text, status, expires_at FROM iap_credit_lot ORDER BY id`),
          holds: await q(`SELECT id, amount::text, captured_amount::text, status FROM iap_hold ORDER BY id`),
          services: await q(`SELECT id, technical_name, name, status, key_hash, trial_credits::text, deleted_at FROM iap_service ORDER BY id`),
          odoo_tokens: await q(`SELECT id, account_id, revoked_at FROM iap_account_token ORDER BY id`),
          auto_recharges: await q(`SELECT * FROM iap_auto_recharge ORDER BY id`),
          recharges: await q(`SELECT id, status FROM iap_recharge ORDER BY id`),
          rate_versions: await q(`SELECT * FROM iap_rate_version ORDER BY id`),
          rates: await q(`SELECT id FROM iap_rate ORDER BY id`),
          packs: await q(`SELECT id, credits::text, expires_after_days, category, deleted_at FROM iap_credit_pack ORDER BY id`),
          products: await q(`SELECT count(*)::int AS n FROM product`),
        }
      }
      const before = await snapshot()

      const rnd = prng(SEED)
      const headers = (auth: Route["auth"]): Record<string, string> => {
        const drop = rnd.int(25) === 0
        if (auth === "admin") return drop ? {} : { authorization: f.adminHeaders.headers.authorization }
        if (auth === "store") return drop ? { "x-publishable-api-key": f.keys.webshop } : customer.headers(f.keys.webshop).headers
        if (auth === "provider") return drop ? {} : { authorization: `Bearer ${key}` }
        return {}
      }
      const fillPath = (path: string, badId: boolean) =>
        path.replace(/:(\w+)/g, (_m, name) => (badId ? rnd.pick(BAD_IDS) : ids[name]))

      const anomalies: string[] = []
      const counts: Record<string, number> = {}
      let sent = 0
      const send = async (route: Route, url: string, data: string | undefined, contentType: string, what: string) => {
        sent++
        const res = await api.request({
          method: route.method,
          url,
          data,
          headers: { ...headers(route.auth), ...(data === undefined ? {} : { "content-type": contentType }) },
          transformRequest: [(d: unknown) => d],
          transformResponse: [(d: unknown) => d],
          validateStatus: () => true,
          maxRedirects: 0,
        })
        const key = `${route.method} ${route.path}`
        counts[key] = (counts[key] ?? 0) + 1
        const rpcRefused = route.rpc && res.status === 200 && /"error":\{/.test(String(res.data))
        if (res.status >= 500 || (route.writes && res.status < 400 && !rpcRefused)) {
          anomalies.push(`${res.status} ${route.method} ${url.slice(0, 200)} [${what}] ${String(data ?? "").slice(0, 300)} → ${String(res.data).slice(0, 300)}`)
        }
      }

      const mutateBody = (route: Route): { data: string; type: string; what: string } => {
        const body: Record<string, unknown> = { ...(route.body ?? {}) }
        const names = Object.keys(route.fields ?? {})
        const choice = rnd.int(10)
        if (choice < 5 && names.length) {
          const name = rnd.pick(names)
          const field = route.fields![name]
          const bad = BAD[field.kind].filter((v) => !(v === null && field.nullable))
          body[name] = rnd.pick(bad)
          return { data: toJson(body), type: "application/json", what: `${name}=bad` }
        }
        if (choice === 5) {
          const required = names.filter((n) => route.fields![n].required)
          if (required.length) {
            delete body[rnd.pick(required)]
            return { data: toJson(body), type: "application/json", what: "missing field" }
          }
        }
        if (choice === 6) {
          body[rnd.pick(["unknown", "__proto__x", "$where", "id", "balance", "a\u0000"])] = rnd.pick([1, "x", null, {}])
          return { data: toJson(body), type: "application/json", what: "unknown field" }
        }
        if (choice === 7) {
          return { data: rnd.pick(['{"credits": 1', "{credits: 1}", "[]", "[1,2]", "null", "42", '"str"', "{'a':1}", "NaN", "{\"a\": NaN}", "\u0000"]), type: "application/json", what: "raw body" }
        }
        if (choice === 8 && names.some((n) => route.fields![n].required)) {
          return { data: toJson(route.body), type: rnd.pick(["text/plain", "application/xml", "multipart/form-data; boundary=x"]), what: "content type" }
        }
        const name = names.length ? rnd.pick(names) : "note"
        body[name] = rnd.pick(NUL_STRINGS)
        return { data: toJson(body), type: "application/json", what: `${name}=NUL` }
      }

      const randomQuery = (route: Route) => {
        const known = route.query ?? []
        const parts: string[] = []
        const n = 1 + rnd.int(3)
        for (let i = 0; i < n; i++) {
          const name = known.length && rnd.int(5) > 0 ? rnd.pick(known) : rnd.pick(["fields", "order", "unknown", "expand", "limit", "with_deleted", "q", "%00"])
          const value = rnd.pick(QUERY_VALUES)
          parts.push(`${name.replace(/[[\]$]/g, (c) => encodeURIComponent(c))}=${rnd.int(8) === 0 ? "%00" : encodeQueryValue(value)}`)
        }
        return parts.join("&")
      }

      while (sent < REQUESTS) {
        if (rnd.int(12) === 0) {
          const route = rnd.pick(pathOnly)
          await send(route, fillPath(route.path, true), undefined, "", "bad id")
          continue
        }
        const route = rnd.pick(routes)
        const badId = route.path.includes(":") && rnd.int(6) === 0
        if (route.method === "GET") {
          const url = fillPath(route.path, badId)
          await send(route, `${url}?${randomQuery(route)}`, undefined, "", badId ? "bad id" : "query")
          continue
        }
        const mutated = badId ? { data: toJson(route.body ?? {}), type: "application/json", what: "bad id" } : mutateBody(route)
        // Odoo's calls carry the mutated object as the envelope's params (or a broken envelope).
        const data = route.rpc && mutated.type === "application/json" && mutated.what !== "raw body"
          ? `{"jsonrpc":"2.0","method":"call","id":${rnd.int(3) === 0 ? '"' + "r".repeat(20) + rnd.int(1e9) + '"' : rnd.int(1000)},"params":${mutated.data}}`
          : mutated.data
        await send(route, fillPath(route.path, badId), data, mutated.type, mutated.what)
      }

      const after = await snapshot()
      process.stdout.write(`IAP fuzz: ${sent} requests over ${Object.keys(counts).length} routes\n`)
      expect(anomalies).toEqual([])
      expect(Object.keys(counts).length).toBe(new Set([...routes, ...pathOnly].map((r) => `${r.method} ${r.path}`)).size)
      expect(after).toEqual(before)
    })
  },
})
