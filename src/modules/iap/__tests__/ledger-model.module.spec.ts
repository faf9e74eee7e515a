import fc from "fast-check"
import { Client } from "pg"
import { clock } from "../utils/clock"
import { iapModuleRunner, invariants, sql } from "./helpers"

/**
 * Model-based property test of the ledger (docs/rules.md §2–§7): random sequences of grants,
 * debits, holds, clock moves, expiry jobs and idempotency-key replays over 2–3 fresh accounts,
 * compared after EVERY step with a small in-memory reference model (exact integer units of
 * 1/10_000 credit, its own draw-down order) and with the DB invariants of docs/rules.md §4.
 *
 * Replay a failure with the seed and path printed by fast-check:
 *   IAP_PROPERTY_SEED=<seed> IAP_PROPERTY_PATH=<path> npx jest … ledger-model.module.spec.ts
 * IAP_PROPERTY_RUNS overrides the number of sequences (200 by default).
 */

jest.setTimeout(20 * 60_000)

const NUM_RUNS = Number(process.env.IAP_PROPERTY_RUNS ?? 200)
const SEED = process.env.IAP_PROPERTY_SEED === undefined ? undefined : Number(process.env.IAP_PROPERTY_SEED)
const PATH = process.env.IAP_PROPERTY_PATH || undefined
/** Shrinking replays whole DB sequences: past this budget it stops at the smallest failure so far. */
const SHRINK_BUDGET_MS = 3 * 60_000

const SCALE = 10_000n
const DAY = 24 * 3600 * 1000
const MAX_TTL_SECONDS = 180 * 24 * 3600
const START = Date.UTC(2030, 0, 1)

// ---------------------------------------------------------------------------------------------
// Reference model: exact integer units, independent of utils/amount.ts and utils/draw-down.ts.
// ---------------------------------------------------------------------------------------------

type Category = "paid" | "promotional"
type HoldStatus = "pending" | "captured" | "canceled" | "expired"

type MLot = {
  id: string
  category: Category
  created: number
  seq: number
  expires: number | null
  remaining: bigint
  reserved: bigint
  status: "available" | "expired"
}

type MHold = {
  id: string
  account: MAccount
  amount: bigint
  captured: bigint
  expires: number
  status: HoldStatus
  allocations: { lot: MLot; amount: bigint }[]
}

type Stored = { signature: string; result: any }

type MAccount = {
  index: number
  id: string
  service: string
  integer: boolean
  limit: bigint
  defaultTtl: number
  lots: MLot[]
  holds: MHold[]
  balance: bigint
  reserved: bigint
  debt: bigint
  keys: Map<string, Stored>
}

const minU = (a: bigint, b: bigint) => (a < b ? a : b)
/** Units → the JSON number the module answers with. */
const num = (u: bigint) => Number(u) / 10_000
/** Units → a decimal string, written here rather than borrowed from utils/amount. */
function dec(u: bigint): string {
  const neg = u < 0n
  const a = neg ? -u : u
  const frac = String(a % SCALE).padStart(4, "0").replace(/0+$/, "")
  return `${neg ? "-" : ""}${a / SCALE}${frac ? "." + frac : ""}`
}
/** Postgres numeric text → units; a 5th decimal would be a bug, so it fails loudly. */
function units(text: string): bigint {
  const neg = text.startsWith("-")
  const [whole, frac = ""] = (neg ? text.slice(1) : text).split(".")
  if (/[1-9]/.test(frac.slice(4))) throw new Error(`${text} has more than 4 decimal places`)
  const u = BigInt(whole) * SCALE + BigInt((frac + "0000").slice(0, 4))
  return neg ? -u : u
}

/**
 * `expectInvariants` of helpers.ts, compared in exact units: the helper subtracts JS floats
 * (`lots - debt`), which is off by 2e-16 for decimal amounts (3.0205 − 2.0205 ≠ 1).
 */
function expectExactInvariants(inv: Awaited<ReturnType<typeof invariants>>) {
  const u = (n: number) => BigInt(Math.round(n * 10_000))
  expect(u(inv.ledger)).toBe(u(inv.balance))
  expect(u(inv.lots) - u(inv.debt)).toBe(u(inv.balance))
  expect(u(inv.holds)).toBe(u(inv.reserved))
  expect(u(inv.pending_lots)).toBe(u(inv.pending))
  expect(inv.negative_lots).toBe(0)
  expect(u(inv.lot_reserved)).toBeLessThanOrEqual(u(inv.reserved))
}

const isDue = (lot: MLot, now: number) => lot.expires !== null && lot.expires <= now
const free = (lot: MLot) => lot.remaining - lot.reserved

/** docs/rules.md §3: soonest expiry first (never-expiring last), promotional before paid, oldest first. */
function drawOrder(lots: MLot[]): MLot[] {
  const exp = (l: MLot) => (l.expires === null ? Number.POSITIVE_INFINITY : l.expires)
  return [...lots].sort(
    (a, b) =>
      exp(a) - exp(b) ||
      (a.category === b.category ? 0 : a.category === "promotional" ? -1 : 1) ||
      a.created - b.created ||
      a.seq - b.seq
  )
}

/** Lots a new debit or hold may use right now, in draw-down order. */
function drawable(a: MAccount, now: number): MLot[] {
  return drawOrder(a.lots.filter((l) => l.status === "available" && !isDue(l, now) && free(l) > 0n))
}

/** What a read shows: a lot past expiry stops counting at once, swept or not (docs/rules.md §7). */
function view(a: MAccount, now: number) {
  const dueFree = a.lots
    .filter((l) => l.status === "available" && isDue(l, now) && free(l) > 0n)
    .reduce((s, l) => s + free(l), 0n)
  const balance = a.balance - dueFree
  return { balance, reserved: a.reserved, available: balance - a.reserved + a.limit, debt: a.debt }
}

const viewNums = (a: MAccount, now: number) => {
  const v = view(a, now)
  return { balance: num(v.balance), reserved: num(v.reserved), available: num(v.available), debt: num(v.debt) }
}

/** Writes what expiry takes: each due lot's unreserved remainder (held portions stay). */
function sweep(a: MAccount, now: number): string[] {
  const expired: string[] = []
  for (const lot of a.lots) {
    if (lot.status !== "available" || !isDue(lot, now) || lot.remaining === 0n) continue
    lot.status = "expired"
    a.balance -= free(lot)
    lot.remaining = lot.reserved
    expired.push(lot.id)
  }
  return expired
}

/** Takes `amount` from unreserved lots in draw-down order; returns what no lot covered. */
function drawFree(a: MAccount, now: number, amount: bigint): bigint {
  let left = amount
  for (const lot of drawable(a, now)) {
    const take = minU(free(lot), left)
    lot.remaining -= take
    left -= take
  }
  return left
}

/**
 * Resolves a hold once: the capture comes from its reserved portions (draw-down order), a part
 * no portion covers from unreserved lots and only then from debt; the rest is released, and
 * released portions of lots that expired meanwhile leave at once.
 */
function resolveHold(a: MAccount, hold: MHold, capture: bigint, status: HoldStatus, now: number) {
  const order = drawOrder(hold.allocations.map((x) => x.lot))
  const allocations = [...hold.allocations].sort((x, y) => order.indexOf(x.lot) - order.indexOf(y.lot))
  let left = capture
  for (const { lot, amount } of allocations) {
    const take = minU(amount, left)
    left -= take
    lot.reserved -= amount
    lot.remaining -= take
  }
  a.debt += drawFree(a, now, left)
  a.reserved -= hold.amount
  a.balance -= capture
  const balanceAfterCapture = a.balance
  hold.status = status
  hold.captured = capture
  for (const { lot } of allocations) {
    if (lot.status === "expired" && free(lot) > 0n) {
      a.balance -= free(lot)
      lot.remaining = lot.reserved
    }
  }
  return balanceAfterCapture
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

type BadAmount = "zero" | "negative" | "five_places" | "too_big"
type AmountSpec = { units: bigint; form: "string" | "number"; bad: BadAmount | null }
type GrantSpec = { t: "grant"; acc: number; amount: AmountSpec; category: Category; days: number | null }
type DebitSpec = { t: "debit"; acc: number; amount: AmountSpec }
type AuthorizeSpec = { t: "authorize"; acc: number; amount: AmountSpec; ttl: number | null | "bad" }
type CaptureMode = "full" | "omit" | "partial" | "over" | "zero" | "same"
/** `pick` chooses among live holds (`anyHold`: among all); `missing`: an unknown hold id. */
type HoldPick = { pick: number; anyHold: boolean; missing: boolean }
type CaptureSpec = { t: "capture"; hold: HoldPick; mode: CaptureMode; p: number }
type CancelSpec = { t: "cancel"; hold: HoldPick }
type Op =
  | GrantSpec
  | DebitSpec
  | AuthorizeSpec
  | CaptureSpec
  | CancelSpec
  | { t: "advance"; ms: number }
  | { t: "boundary"; pick: number; delta: -1 | 0 | 1 }
  | { t: "expire_holds" }
  | { t: "expire_lots" }
  | { t: "replay"; pick: number; variant: "same" | "changed" | "other_operation" | "other_account" }

/** Accounts 1 and 2 may be on the integer service; account 1 always has an overdraft limit. */
type Setup = {
  accounts: number
  integer1: boolean
  integer2: boolean
  limit1: bigint
  limit2: bigint
  /** Opening grants per account, so that most sequences start with several lots to draw from. */
  opening: { credits: number; category: Category; days: number | null }[][]
}

/** A resolved call: the exact service input and how the model sees the request. */
type Call =
  | { t: "grant"; account: MAccount; units: bigint; input: any; category: Category; days: number | null; bad: BadAmount | null }
  | { t: "debit"; account: MAccount; units: bigint; input: any; bad: BadAmount | null }
  | { t: "authorize"; account: MAccount; units: bigint; input: any; ttl: number | null | "bad"; bad: BadAmount | null }
  | { t: "capture"; hold: MHold | null; amount: bigint | null; input: any }
  | { t: "cancel"; hold: MHold | null; input: any }

type Expected =
  | { error: { type: string; code?: string; message?: string; [k: string]: unknown } }
  | { replay: any }
  | { apply: () => (res: any) => void }

function amountInput(spec: AmountSpec): unknown {
  switch (spec.bad) {
    case "zero":
      return spec.form === "number" ? 0 : "0"
    case "negative":
      return spec.form === "number" ? -Number(dec(spec.units)) : `-${dec(spec.units)}`
    case "five_places":
      return spec.form === "number" ? Number(`${spec.units / SCALE}.00001`) : `${spec.units / SCALE}.00001`
    case "too_big":
      return spec.form === "number" ? 1e12 + 1 : "1000000000000.0001"
    default:
      return spec.form === "number" ? Number(dec(spec.units)) : dec(spec.units)
  }
}

const AMOUNT_ERRORS: Record<BadAmount, string> = {
  zero: "amount must be greater than 0",
  negative: "amount must be greater than 0",
  five_places: "amount must have at most 4 decimal places",
  too_big: "amount must be at most 1000000000000",
}

function signature(call: Call): string {
  switch (call.t) {
    case "grant":
      return JSON.stringify(["grant", String(call.units), call.category, call.days])
    case "debit":
      return JSON.stringify(["debit", String(call.units)])
    case "authorize":
      return JSON.stringify(["authorize", String(call.units), call.ttl])
    case "capture":
      return JSON.stringify(["capture", call.hold!.id, call.amount === null ? null : String(call.amount)])
    case "cancel":
      return JSON.stringify(["cancel", call.hold!.id])
  }
}

const invalid = (message: string): Expected => ({ error: { type: "invalid_data", message } })

/** docs/rules.md §6: a stored key answers with the first result, or 409 when the request differs. */
function storedAnswer(account: MAccount, key: string, call: Call): Expected | null {
  const stored = account.keys.get(key)
  if (!stored) return null
  if (stored.signature === signature(call)) return { replay: stored.result }
  return {
    error: {
      type: "conflict",
      code: "idempotency_key_reused",
      message: `Idempotency key ${key} was already used with a different request`,
    },
  }
}

function insufficient(a: MAccount, required: bigint, now: number): Expected | null {
  const available = view(a, now).available
  if (required <= available) return null
  const shown = num(available < 0n ? 0n : available)
  return {
    error: {
      type: "insufficient_credits",
      message: `Insufficient credits for service ${a.service}: ${num(required)} required, ${shown} available`,
      service: a.service,
      required: num(required),
      available: shown,
    },
  }
}

/** What the module must answer to `call` and how the model changes when it succeeds. */
function predict(call: Call, key: string, now: number, seq: () => number): Expected {
  const store = (account: MAccount, res: any) => account.keys.set(key, { signature: signature(call), result: res })
  const whole = (a: MAccount, u: bigint) => !a.integer || u % SCALE === 0n

  if (call.t === "grant" || call.t === "debit" || call.t === "authorize") {
    const a = call.account
    if (call.bad) return invalid(AMOUNT_ERRORS[call.bad])
    if (call.t === "authorize" && call.ttl === "bad") {
      return invalid(`ttl_seconds must be a whole number from 1 to ${MAX_TTL_SECONDS} (180 days)`)
    }
    const stored = storedAnswer(a, key, call)
    if (stored) return stored
    if (!whole(a, call.units)) return invalid("amount must be a whole number for this service")

    if (call.t === "grant") {
      return {
        apply: () => {
          const expired = sweep(a, now)
          const lot: MLot = {
            id: "",
            category: call.category,
            created: now,
            seq: seq(),
            expires: call.days === null ? null : now + call.days * DAY,
            remaining: call.units,
            reserved: 0n,
            status: "available",
          }
          const repay = minU(call.units, a.debt)
          lot.remaining -= repay
          a.debt -= repay
          a.balance += call.units
          a.lots.push(lot)
          return (res) => {
            expect(res).toMatchObject({
              replayed: false,
              lot: {
                initial_amount: num(call.units),
                remaining: num(lot.remaining),
                reserved: 0,
                category: call.category,
                status: "available",
                expires_at: lot.expires === null ? null : new Date(lot.expires).toISOString(),
              },
              transaction: { type: "grant", amount: num(call.units), balance_after: num(a.balance) },
              account: viewNums(a, now),
            })
            expect([...res.expired_lot_ids].sort()).toEqual([...expired].sort())
            lot.id = res.lot.id
            store(a, res)
          }
        },
      }
    }

    const short = insufficient(a, call.units, now)
    if (short) return short

    if (call.t === "debit") {
      return {
        apply: () => {
          const expired = sweep(a, now)
          a.debt += drawFree(a, now, call.units)
          a.balance -= call.units
          return (res) => {
            expect(res).toMatchObject({
              replayed: false,
              transaction: { type: "debit", amount: -num(call.units), balance_after: num(a.balance) },
              account: viewNums(a, now),
            })
            expect([...res.expired_lot_ids].sort()).toEqual([...expired].sort())
            store(a, res)
          }
        },
      }
    }

    const ttl = call.ttl as number | null
    return {
      apply: () => {
        const expired = sweep(a, now)
        const hold: MHold = {
          id: "",
          account: a,
          amount: call.units,
          captured: 0n,
          expires: now + (ttl ?? a.defaultTtl) * 1000,
          status: "pending",
          allocations: [],
        }
        let left = call.units
        for (const lot of drawable(a, now)) {
          if (left === 0n) break
          const take = minU(free(lot), left)
          lot.reserved += take
          hold.allocations.push({ lot, amount: take })
          left -= take
        }
        a.reserved += call.units
        a.holds.push(hold)
        return (res) => {
          expect(res).toMatchObject({
            replayed: false,
            hold: {
              amount: num(call.units),
              captured_amount: 0,
              status: "pending",
              expires_at: new Date(hold.expires).toISOString(),
            },
            account: viewNums(a, now),
          })
          expect([...res.expired_lot_ids].sort()).toEqual([...expired].sort())
          hold.id = res.hold.id
          store(a, res)
        }
      },
    }
  }

  // capture / cancel
  const hold = call.hold
  if (!hold) return { error: { type: "not_found", message: "IAP hold with id: iaphold_missing was not found" } }
  const a = hold.account
  const stored = storedAnswer(a, key, call)
  if (stored) return stored
  // A pending hold past its TTL is expired on the spot (and that rolls back with the 409).
  const status: HoldStatus = hold.status === "pending" && hold.expires <= now ? "expired" : hold.status
  const action = call.t === "capture" ? "captured" : "canceled"
  const capture = call.t === "capture" ? call.amount ?? hold.amount : 0n
  const repeat = call.t === "capture" ? status === "captured" && capture === hold.captured : status === "canceled"
  if (repeat) {
    // Resolving again with the same arguments answers the same, writes nothing, stores no key.
    return {
      apply: () => (res) => {
        expect(res).toMatchObject({
          replayed: true,
          hold: { id: hold.id, status: hold.status, captured_amount: num(hold.captured) },
          account: viewNums(a, now),
          expired_lot_ids: [],
        })
        if (call.t === "capture") {
          if (hold.captured > 0n) expect(res.transaction).toMatchObject({ type: "capture", amount: -num(hold.captured) })
          else expect(res.transaction).toBeNull()
        }
      },
    }
  }
  if (status !== "pending") {
    return {
      error: {
        type: "conflict",
        code: "hold_not_pending",
        message: `IAP hold ${hold.id} is already ${status}: it cannot be ${action}`,
      },
    }
  }
  if (!whole(a, capture)) return invalid("amount must be a whole number for this service")
  if (capture > hold.amount) return invalid(`amount must be at most the authorized ${num(hold.amount)}`)
  return {
    apply: () => {
      const expired = sweep(a, now)
      const balanceAfter = resolveHold(a, hold, capture, call.t === "capture" ? "captured" : "canceled", now)
      return (res) => {
        expect(res).toMatchObject({
          replayed: false,
          hold: { id: hold.id, status: hold.status, captured_amount: num(capture), amount: num(hold.amount) },
          account: viewNums(a, now),
        })
        if (call.t === "capture") {
          if (capture > 0n) {
            expect(res.transaction).toMatchObject({ type: "capture", amount: -num(capture), balance_after: num(balanceAfter), hold_id: hold.id })
          } else {
            expect(res.transaction).toBeNull()
          }
        }
        expect([...res.expired_lot_ids].sort()).toEqual([...expired].sort())
        store(a, res)
      }
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Mostly whole credits, sometimes up to 4 decimals (always rejected on the integer service). */
const amountArb = (maxCredits: number): fc.Arbitrary<AmountSpec> =>
  fc.record({
    units: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 1, max: maxCredits }).map((n) => BigInt(n) * SCALE) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: maxCredits * 10_000 }).map((n) => BigInt(n)) }
    ),
    form: fc.constantFrom("string" as const, "number" as const),
    bad: fc.oneof(
      { weight: 20, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom<BadAmount>("zero", "negative", "five_places", "too_big") }
    ),
  })
const grantAmount = amountArb(25)
const spendAmount = amountArb(12)

const acc = fc.nat({ max: 2 })
/** Never-expiring (null) or 1–10 days; short expiries often coincide, so the later keys of the draw-down order (docs/rules.md §3) matter. */
const days = fc.oneof(
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 10 }) }
)
const category = fc.constantFrom<Category>("paid", "promotional")
const holdPick: fc.Arbitrary<HoldPick> = fc.record({
  pick: fc.nat({ max: 30 }),
  anyHold: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  missing: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
})

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant("grant" as const),
      acc,
      amount: grantAmount,
      category,
      days,
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant("debit" as const), acc, amount: spendAmount }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("authorize" as const),
      acc,
      amount: spendAmount,
      ttl: fc.oneof(
        { weight: 2, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.integer({ min: 60, max: 3600 }) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }).map((d) => d * 24 * 3600) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 * 24 * 3600 }) },
        { weight: 1, arbitrary: fc.constant("bad" as const) }
      ),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("capture" as const),
      hold: holdPick,
      mode: fc.constantFrom<CaptureMode>("full", "omit", "partial", "partial", "over", "zero", "same"),
      p: fc.integer({ min: 0, max: 10_000 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("cancel" as const), hold: holdPick }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("advance" as const),
      ms: fc.oneof(
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 59 }).map((s) => s * 1000) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 59 }).map((m) => m * 60_000) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 23 }).map((h) => h * 3_600_000) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 10 }).map((d) => d * DAY) }
      ),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("boundary" as const), pick: fc.nat({ max: 50 }), delta: fc.constantFrom<-1 | 0 | 1>(-1, 0, 1) }),
  },
  { weight: 2, arbitrary: fc.constant({ t: "expire_holds" as const }) },
  { weight: 2, arbitrary: fc.constant({ t: "expire_lots" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("replay" as const),
      pick: fc.nat({ max: 50 }),
      variant: fc.constantFrom("same" as const, "same" as const, "changed" as const, "other_operation" as const, "other_account" as const),
    }),
  }
)

const setupArb: fc.Arbitrary<Setup> = fc.record({
  accounts: fc.integer({ min: 2, max: 3 }),
  integer1: fc.boolean(),
  integer2: fc.boolean(),
  limit1: fc.integer({ min: 1, max: 20 }).map((n) => BigInt(n) * SCALE),
  limit2: fc.constantFrom(0n, 0n, 5n * SCALE),
  opening: fc.array(
    fc.array(fc.record({ credits: fc.integer({ min: 1, max: 20 }), category, days }), { maxLength: 2 }),
    { minLength: 3, maxLength: 3 }
  ),
})

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------

iapModuleRunner({
  testSuite: ({ service, dbConfig }) => {
    // Several connections, so the checks after each step run side by side.
    let dbs: Client[] = []

    beforeEach(async () => {
      dbs = await Promise.all([0, 1, 2, 3].map(() => sql(dbConfig.clientUrl)))
    })

    afterEach(async () => {
      clock.reset()
      await Promise.all(dbs.map((db) => db.end()))
    })

    it(`keeps the ledger equal to a reference model over ${PATH ? "a replayed" : NUM_RUNS} random operation sequence(s)`, async () => {
      // The runner recreates the DB before each `it`: every sequence lives here, on fresh accounts.
      const decimal = (await service.createService({ technical_name: "prop_sms", name: "SMS", unit_name: "SMS" })).service
      const integer = (
        await service.createService({ technical_name: "prop_tokens", name: "Tokens", integer_credits: true, hold_ttl_seconds: 3600 })
      ).service

      let runs = 0
      let nextStart = START
      let lotSeq = 0
      let firstFailureAt: number | null = null

      const run = async (setup: Setup, ops: Op[]) => {
        if (firstFailureAt !== null && Date.now() - firstFailureAt > SHRINK_BUDGET_MS) return true
        const runId = ++runs
        clock.set(new Date(nextStart))
        const trace: string[] = []
        try {
          await sequence(runId, setup, ops, trace)
          return true
        } catch (e: any) {
          firstFailureAt ??= Date.now()
          const err = new Error(`${e?.message ?? e}\n\nSteps run (sequence ${runId}):\n${trace.join("\n")}`)
          err.stack = `${err.message}\n${e?.stack ?? ""}`
          throw err
        } finally {
          // The next sequence starts after everything of this one can have expired.
          nextStart = clock.now().getTime() + 200 * DAY
        }
      }

      const sequence = async (runId: number, setup: Setup, ops: Op[], trace: string[]) => {
        const accounts: MAccount[] = []
        for (let i = 0; i < setup.accounts; i++) {
          const isInteger = i === 1 ? setup.integer1 : i === 2 ? setup.integer2 : false
          const limit = i === 1 ? setup.limit1 : i === 2 ? setup.limit2 : 0n
          const svc = isInteger ? integer : decimal
          const { account } = await service.createAccount({
            service_id: svc.id,
            customer_id: `cus_prop_${runId}_${i}`,
            overdraft_limit: dec(limit),
          })
          accounts.push({
            index: i, id: account.id, service: svc.technical_name, integer: isInteger, limit, defaultTtl: isInteger ? 3600 : 900,
            lots: [], holds: [], balance: 0n, reserved: 0n, debt: 0n, keys: new Map(),
          })
          trace.push(`account ${i}: ${account.id} ${isInteger ? "integer" : "decimal"} overdraft ${dec(limit)}`)
        }
        const holds: MHold[] = []
        const history: { call: Call; key: string }[] = []
        const ids = accounts.map((a) => a.id)
        let keyCount = 0
        const newKey = () => `k${runId}_${++keyCount}`

        const resolveCall = (op: GrantSpec | DebitSpec | AuthorizeSpec | CaptureSpec | CancelSpec): Call => {
          if (op.t === "capture" || op.t === "cancel") {
            // Mostly a live hold (pending, before its TTL), else any hold, once in a while none.
            const now = clock.now().getTime()
            const live = holds.filter((h) => h.status === "pending" && h.expires > now)
            const pool = live.length && !op.hold.anyHold ? live : holds
            const hold = pool.length && !op.hold.missing ? pool[op.hold.pick % pool.length] : null
            const hold_id = hold ? hold.id : "iaphold_missing"
            if (op.t === "cancel") return { t: "cancel", hold, input: { hold_id } }
            let amount: bigint | null = null
            if (hold) {
              const step = hold.account.integer ? SCALE : 1n
              amount =
                op.mode === "omit" ? null
                : op.mode === "full" ? hold.amount
                : op.mode === "zero" ? 0n
                : op.mode === "over" ? hold.amount + step
                : op.mode === "same" ? (hold.status === "captured" ? hold.captured : hold.amount)
                : ((hold.amount * BigInt(op.p)) / 10_000n / step) * step
            }
            return { t: "capture", hold, amount, input: amount === null ? { hold_id } : { hold_id, amount: dec(amount) } }
          }
          const account = accounts[op.acc % accounts.length]
          const amount = amountInput(op.amount)
          const common = { account, units: op.amount.units, bad: op.amount.bad }
          if (op.t === "grant") {
            const input = { account_id: account.id, amount, category: op.category, ...(op.days === null ? {} : { expires_after_days: op.days }) }
            return { t: "grant", ...common, input, category: op.category, days: op.days }
          }
          if (op.t === "debit") return { t: "debit", ...common, input: { account_id: account.id, amount } }
          const ttl_seconds = op.ttl === "bad" ? (op.amount.units % 2n ? 0 : MAX_TTL_SECONDS + 1) : op.ttl
          return { t: "authorize", ...common, ttl: op.ttl, input: { account_id: account.id, amount, ...(ttl_seconds === null ? {} : { ttl_seconds }) } }
        }

        /** A changed copy of a stored call: same key, another request. */
        const variantOf = (call: Call, variant: "changed" | "other_operation" | "other_account"): Call | null => {
          if (variant === "other_operation") {
            const account = call.t === "capture" || call.t === "cancel" ? call.hold!.account : call.account
            return { t: "debit", account, units: SCALE, bad: null, input: { account_id: account.id, amount: 1 } }
          }
          if (variant === "other_account") {
            if (call.t === "capture" || call.t === "cancel") return null
            const account = accounts[(call.account.index + 1) % accounts.length]
            return { ...call, account, input: { ...call.input, account_id: account.id } } as Call
          }
          if (call.t === "capture") {
            const amount = call.amount === null ? 0n : call.amount === 0n ? null : 0n
            return { ...call, amount, input: amount === null ? { hold_id: call.hold!.id } : { hold_id: call.hold!.id, amount: dec(amount) } }
          }
          if (call.t === "cancel") {
            const other = call.hold!.account.holds.find((h) => h !== call.hold)
            return other ? { t: "cancel", hold: other, input: { hold_id: other.id } } : null
          }
          const units = call.units + SCALE
          return { ...call, units, input: { ...call.input, amount: dec(units) } } as Call
        }

        const invoke = (call: Call, key: string): Promise<any> => {
          const input = { ...call.input, idempotency_key: key }
          switch (call.t) {
            case "grant":
              return service.grantCredits(input)
            case "debit":
              return service.debitCredits(input)
            case "authorize":
              return service.authorizeCredits(input)
            case "capture":
              return service.captureHold(input)
            case "cancel":
              return service.cancelHold(input)
          }
        }

        /** Runs one call against the module and the model; returns the accounts it may touch. */
        const perform = async (call: Call, key: string): Promise<MAccount[]> => {
          const now = clock.now().getTime()
          const touched = call.t === "capture" || call.t === "cancel" ? (call.hold ? [call.hold.account] : accounts) : [call.account]
          const expected = predict(call, key, now, () => ++lotSeq)
          const label = call.t === "capture" || call.t === "cancel" ? `hold ${call.hold?.id ?? "(none)"}` : `account ${call.account.index}`
          trace.push(`  ${call.t} ${label} ${JSON.stringify(call.input)} key=${key} → ${"error" in expected ? expected.error.type : "replay" in expected ? "replay" : "ok"}`)
          if ("error" in expected) {
            const { type, ...rest } = expected.error
            await expect(invoke(call, key)).rejects.toMatchObject({ type, ...rest })
            return touched
          }
          const res = await invoke(call, key)
          if ("replay" in expected) {
            expect(res).toEqual({ ...expected.replay, replayed: true })
            return touched
          }
          const check = expected.apply()
          check(res)
          if (call.t === "authorize") holds.push(call.account.holds[call.account.holds.length - 1])
          if (!res.replayed) history.push({ call, key })
          return touched
        }

        /**
         * Compares `checked` (the account a call touched; all of them after a clock move or a
         * job, and at the end) with the model: O(1) balances, docs/rules.md §4 in the DB, every lot and hold.
         */
        const compare = async (checked: MAccount[]) => {
          const now = clock.now().getTime()
          const checkedIds = checked.map((a) => a.id)
          const [read, invs, { rows }] = await Promise.all([
            checked.length === 1 ? service.retrieveAccount(checkedIds[0]).then((r) => [r]) : service.listAccountsByIds(checkedIds),
            Promise.all(checked.map((a, i) => invariants(dbs[i], a.id))),
            dbs[3].query(
              `SELECT 'lot' AS kind, id, status, remaining::text AS x, reserved::text AS y FROM iap_credit_lot WHERE account_id = ANY($1)
               UNION ALL
               SELECT 'hold', id, status, captured_amount::text, amount::text FROM iap_hold WHERE account_id = ANY($1)`,
              [checkedIds]
            ),
          ])
          for (const [i, a] of checked.entries()) {
            const r = read.find((x) => x.id === a.id)!
            const v = view(a, now)
            expect({ balance: r.balance, reserved: r.reserved, available: r.available, debt: r.debt, pending: r.pending }).toEqual({
              ...viewNums(a, now),
              pending: 0,
            })
            // docs/rules.md §4: never below −limit; a hold or debit never takes more than was available.
            expect(v.balance).toBeGreaterThanOrEqual(-a.limit)
            expect(v.available).toBeGreaterThanOrEqual(0n)
            expect(v.debt).toBeLessThanOrEqual(a.limit)

            // docs/rules.md §4 in the DB: balance = ledger sum = Σ lot remaining − debt; reserved = Σ pending holds.
            const inv = invs[i]
            expectExactInvariants(inv)
            expect({ balance: inv.balance, reserved: inv.reserved, debt: inv.debt }).toEqual({
              balance: num(a.balance),
              reserved: num(a.reserved),
              debt: num(a.debt),
            })
          }
          // Every lot and hold row as the model has it: draw-down order (docs/rules.md §3) shows here.
          const actual = Object.fromEntries(rows.map((r) => [r.id, [r.kind, r.status, units(r.x), units(r.y)]]))
          const model = Object.fromEntries([
            ...checked.flatMap((a) => a.lots.map((l) => [l.id, ["lot", l.status, l.remaining, l.reserved]])),
            ...checked.flatMap((a) => a.holds.map((h) => [h.id, ["hold", h.status, h.captured, h.amount]])),
          ])
          expect(actual).toEqual(model)
        }

        // The opening grants are set-up: each result is checked, the accounts once after them all.
        for (const [i, grants] of setup.opening.slice(0, accounts.length).entries()) {
          for (const o of grants) {
            const amount: AmountSpec = { units: BigInt(o.credits) * SCALE, form: "string", bad: null }
            await perform(resolveCall({ t: "grant", acc: i, amount, category: o.category, days: o.days }), newKey())
          }
        }
        await compare(accounts)

        for (const op of ops) {
          // A call is checked on its account; a clock move or a job on every account.
          let checked = accounts
          switch (op.t) {
            case "grant":
            case "debit":
            case "authorize":
              checked = await perform(resolveCall(op), newKey())
              break
            case "capture":
            case "cancel":
              // Before any hold exists, probe an unknown id now and then; otherwise nothing to do.
              if (!holds.length && !op.hold.missing) {
                trace.push(`  ${op.t}: no hold yet`)
                continue
              }
              checked = await perform(resolveCall(op), newKey())
              break
            case "replay": {
              const { call, key } = history.length ? history[op.pick % history.length] : ({} as any)
              const replayed = !call ? null : op.variant === "same" ? call : variantOf(call, op.variant)
              if (!replayed) {
                trace.push(`  replay ${op.variant}: nothing to replay`)
                continue
              }
              checked = await perform(replayed, key)
              break
            }
            case "advance":
              clock.advance(op.ms)
              trace.push(`  advance ${op.ms} ms → ${clock.now().toISOString()}`)
              break
            case "boundary": {
              // Land exactly on (or 1 ms around) a lot's or hold's expiry.
              const now = clock.now().getTime()
              const times = [
                ...accounts.flatMap((a) => a.lots.map((l) => l.expires).filter((t): t is number => t !== null)),
                ...holds.map((h) => h.expires),
              ].filter((t) => t + op.delta > now)
              if (!times.length) continue
              clock.set(new Date(times[op.pick % times.length] + op.delta))
              trace.push(`  clock → ${clock.now().toISOString()}`)
              break
            }
            case "expire_holds": {
              const now = clock.now().getTime()
              const due = holds.filter((h) => h.status === "pending" && h.expires <= now)
              for (const h of due) {
                sweep(h.account, now)
                resolveHold(h.account, h, 0n, "expired", now)
              }
              const result: any[] = await service.expireDueHolds()
              const ours = new Set(holds.map((h) => h.id))
              const got = result.map((r) => (typeof r === "string" ? r : r.hold.id)).filter((id) => ours.has(id))
              trace.push(`  expire holds → ${got.join(", ") || "none"}`)
              expect(got.sort()).toEqual(due.map((h) => h.id).sort())
              break
            }
            case "expire_lots": {
              const now = clock.now().getTime()
              const due = accounts.flatMap((a) => sweep(a, now))
              const result: any[] = await service.expireDueLots()
              const ours = new Set(accounts.flatMap((a) => a.lots.map((l) => l.id)))
              const got = result.flatMap((r) => (typeof r === "string" ? [r] : r.expired_lot_ids)).filter((id: string) => ours.has(id))
              trace.push(`  expire lots → ${got.join(", ") || "none"}`)
              expect(got.sort()).toEqual(due.sort())
              // Once the job has run nothing of ours is due any more: it must not list us again.
              const still = await service.listAccountsWithDueLots()
              expect(still.filter((id: string) => ids.includes(id))).toEqual([])
              break
            }
          }
          await compare(checked)
        }
        await compare(accounts)

        // Retire this sequence's lots and holds, so the expiry jobs of later sequences (which
        // sweep the whole table) do not spend their time on them.
        await Promise.all([
          dbs[0].query(`UPDATE iap_credit_lot SET deleted_at = now() WHERE account_id = ANY($1)`, [ids]),
          dbs[1].query(`UPDATE iap_hold SET deleted_at = now() WHERE account_id = ANY($1)`, [ids]),
        ])
      }

      await fc.assert(fc.asyncProperty(setupArb, fc.array(opArb, { minLength: 5, maxLength: 25, size: "max" }), run), {
        numRuns: NUM_RUNS,
        seed: SEED,
        path: PATH,
        verbose: fc.VerbosityLevel.Verbose,
      })
      expect(runs).toBeGreaterThanOrEqual(PATH ? 1 : NUM_RUNS)
    })
  },
})
