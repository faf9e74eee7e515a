import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { IapProviderAddress } from "../../../types"
import { prepared } from "./prepared"

/**
 * A statement `callGrouped` can send for one call (`single`, `$1…$n`) or for several at once
 * (`grouped`: one `$1`, the calls' values as a JSON array of arrays, answering one row per call
 * with its 1-based position `i`). `name` names the prepared statements.
 */
export type OneStatement = {
  name: string
  single: string
  grouped: string
}

/** Most calls one grouped statement carries. */
const MAX_GROUP = 32

/**
 * Describes a ledger function for `callGrouped`: the statement for one call, `SELECT fn($1, …)`,
 * and the one for several, which calls it once per element of a JSON array in that order, in
 * one transaction: each call's statements see the writes of the calls before it.
 *
 * @example
 * const DEBIT = oneStatement("iap_debit_v5", "iap_debit", ["text", "numeric", "text[]"])
 */
export function oneStatement(name: string, fn: string, types: string[], args: (value: (i: number) => string) => string[] = (v) => types.map((_, i) => v(i))): OneStatement {
  return {
    name,
    single: `SELECT ${fn}(${args((i) => `$${i + 1}::${types[i]}`).join(", ")}) AS result`,
    grouped: `SELECT iap_call.call_position::int AS i, ${fn}(${args((i) => groupedArg(types[i], i)).join(", ")}) AS result ${GROUP_ROWS}`,
  }
}


/**
 * `st`'s function called for a provider API call: its account argument (`accountArg`, 0-based)
 * passes only if `iap_provider_account` finds the call may address it (else `''`: no account,
 * the function answers NULL and writes nothing). Takes `withAddress(values, address)`.
 *
 * @example
 * const DEBIT_BY_TOKEN = addressedOneStatement("iap_debit_v5_by_token", "iap_debit", DEBIT_TYPES, 0)
 */
export function addressedOneStatement(name: string, fn: string, types: string[], accountArg: number): OneStatement {
  const n = types.length
  return oneStatement(name, fn, [...types, "text", "text", "text", "text"], (v) =>
    types.map((_, i) =>
      i === accountArg ? `coalesce(iap_provider_account(${v(i)}, ${v(n)}, ${v(n + 1)}, ${v(n + 2)}, ${v(n + 3)}), '')` : v(i)
    )
  )
}

/** A call's values for an `addressedOneStatement`. */
export function withAddress(values: unknown[], a: IapProviderAddress): unknown[] {
  return [...values, a.token_hash, a.service_id, a.key_hash, a.sales_channel_id]
}

/**
 * The calls of a grouped statement, in order: `iap_call.call_values` is one call's values,
 * `iap_call.call_position` its position (names no statement's own alias or column would take:
 * a bare name in SQL resolves to a column before a table alias).
 */
const GROUP_ROWS = "FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS iap_call(call_values, call_position)"

/** Argument `i` (0-based) of a grouped call, as SQL of `type`. */
const groupedArg = (type: string, i: number) =>
  type.endsWith("[]")
    ? `CASE WHEN jsonb_typeof(iap_call.call_values->${i}) = 'array' THEN ARRAY(SELECT e FROM ` +
      `jsonb_array_elements_text(iap_call.call_values->${i}) WITH ORDINALITY AS elements(e, k) ORDER BY k)::${type} END`
    : `(iap_call.call_values->>${i})::${type}`

/**
 * Describes a read for `callGrouped`: `select` is a list of scalar subqueries (output columns)
 * over the parameters `$1…$n` of `types`; grouped, they are read once per call, each call's own.
 *
 * @example
 * const READ = oneRead("iap_read", "(SELECT name FROM iap_service WHERE id = $1) AS name", ["text"])
 */
export function oneRead(name: string, select: string, types: string[]): OneStatement {
  const grouped = select.replace(/\$(\d+)/g, (_, n) => groupedArg(types[Number(n) - 1], Number(n) - 1))
  return { name, single: `SELECT ${select}`, grouped: `SELECT iap_call.call_position::int AS i, ${grouped} ${GROUP_ROWS}` }
}

type Waiting = { values: unknown[]; resolve: (result: any) => void; reject: (e: unknown) => void }
type Queue = { waiting: Waiting[]; sending: boolean }

/** Per connection pool, per statement and key: the calls waiting while one statement of theirs runs. */
const queues = new WeakMap<object, Map<string, Queue>>()

/**
 * Group commit: calls of one ledger function on one account (`key`) that arrive while a
 * statement of that account runs are sent together as one statement when it returns, so they
 * share one commit (one WAL flush) and one round trip instead of waiting on the account's row
 * lock one by one (bench/scenarios/hot-account.js). A call arriving alone goes at once, as
 * before. Each call keeps its own rows, idempotency key and result; they run in arrival order,
 * exactly as if sent one after another. If the grouped statement fails, nothing of it was
 * written (one transaction) and each call is sent again on its own, so one call's error is
 * never another's. Reads (`oneRead`) group the same way: each still reads the database when its
 * statement runs, never an earlier answer. Resolves the call's row.
 *
 * @example
 * const { result } = await callGrouped(knex, DEBIT, input.account_id, values)
 */
export function callGrouped(knex: Knex, st: OneStatement, lockKey: string, values: unknown[]): Promise<Record<string, any>> {
  const pool = (knex as any).client as object
  let byKey = queues.get(pool)
  if (!byKey) queues.set(pool, (byKey = new Map()))
  const key = `${st.name}:${lockKey}`
  let queue = byKey.get(key)
  if (!queue) byKey.set(key, (queue = { waiting: [], sending: false }))
  const q = queue
  return new Promise((resolve, reject) => {
    q.waiting.push({ values, resolve, reject })
    if (!q.sending) void drain(knex, st, q, () => byKey!.delete(key))
  })
}

async function drain(knex: Knex, st: OneStatement, q: Queue, done: () => void) {
  q.sending = true
  try {
    while (q.waiting.length) {
      const group = q.waiting.splice(0, MAX_GROUP)
      if (group.length === 1) {
        await sendOne(knex, st, group[0])
        continue
      }
      let results: any[] | null = null
      try {
        const rows = await prepared(knex, `${st.name}_grouped`, st.grouped, [JSON.stringify(group.map((w) => w.values))])
        results = new Array(group.length)
        for (const r of rows) results[r.i - 1] = r
      } catch {
        results = null
      }
      if (results) group.forEach((w, i) => w.resolve(results![i]))
      else await Promise.all(group.map((w) => sendOne(knex, st, w)))
    }
  } finally {
    q.sending = false
    done()
  }
}

async function sendOne(knex: Knex, st: OneStatement, w: Waiting) {
  try {
    const rows = await prepared(knex, st.name, st.single, w.values)
    w.resolve(rows[0])
  } catch (e) {
    w.reject(e)
  }
}
