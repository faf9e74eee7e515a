import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { fromDb, toDecimal, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { accountDto } from "./accounts"
import { toAccount, toHold, toLot } from "../ledger/db"
import { holdDto, lotDto } from "../ledger/dto"
import { lotAsRead } from "./lots"
import type {
  IapAccountListFilters,
  IapConsumptionFilters,
  IapConsumptionSeries,
  IapExportTransactionRow,
  IapPage,
  IapPortalAccountDTO,
  IapPortalAccountDetailDTO,
  IapPortalTransactionDTO,
  IapTransactionListFilters,
} from "../../../types/portal"

/**
 * Read models of the IAP portal (admin and store): account lists with their customer and
 * sales channel names, the ledger with filters, CSV export batches and consumption series.
 * Each page is ONE statement (filter → count → page → decorate), whatever its size: no N+1.
 *
 * The customer and sales channel names come from the `customer` and `sales_channel` tables of
 * Medusa's Customer and Sales Channel modules, which share the app's database.
 */

const DAY_MS = 24 * 3600 * 1000

/** Escapes LIKE wildcards so a search for "a_b" does not match "axb". */
function like(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

type Where = { sql: string[]; bindings: any[] }

function where(): Where {
  return { sql: [], bindings: [] }
}

function add(w: Where, sql: string, ...bindings: any[]) {
  w.sql.push(sql)
  w.bindings.push(...bindings)
}

function clause(w: Where): string {
  return w.sql.length ? `WHERE ${w.sql.join(" AND ")}` : ""
}

/** Accounts a holder may use in any of `channels`: unrestricted, or restricted to one of them. */
function usableIn(w: Where, alias: string, channels: string[]) {
  add(w, `(${alias}.sales_channel_ids = '{}' OR ${alias}.sales_channel_ids && ?::text[])`, channels)
}

// Accounts

const ACCOUNT_FIELDS = `a.id, a.service_id, a.customer_id, a.sales_channel_ids, a.state, a.token_hint, a.metadata,
  a.created_at, a.updated_at, a.warning_armed, a.warning_emails,
  a.balance::text AS balance, a.reserved::text AS reserved, a.pending::text AS pending, a.debt::text AS debt,
  a.overdraft_limit::text AS overdraft_limit, a.warning_threshold::text AS warning_threshold,
  s.technical_name, s.name AS service_name, s.unit_name, s.integer_credits, s.status AS service_status, s.hold_ttl_seconds,
  d.due::text AS due,
  (SELECT json_build_object('id', c.id, 'email', c.email, 'first_name', c.first_name, 'last_name', c.last_name,
      'company_name', c.company_name)
     FROM customer c WHERE c.id = a.customer_id) AS customer,
  (SELECT coalesce(json_agg(json_build_object('id', u.id, 'name', sc.name) ORDER BY u.ord), '[]'::json)
     FROM unnest(a.sales_channel_ids) WITH ORDINALITY AS u(id, ord)
     LEFT JOIN sales_channel sc ON sc.id = u.id AND sc.deleted_at IS NULL) AS sales_channels`

/** Lots past expiry that the job has not swept yet: they already stop counting (as in accounts.ts). */
const DUE_LATERAL = `LEFT JOIN LATERAL (
    SELECT coalesce(sum(l.remaining - l.reserved), 0) AS due FROM iap_credit_lot l
    WHERE l.account_id = a.id AND l.status = 'available' AND l.expires_at <= ? AND l.remaining > l.reserved
      AND l.deleted_at IS NULL) d ON true`

function portalAccountDto(r: any): IapPortalAccountDTO {
  const a = toAccount(r)
  return {
    ...accountDto(r),
    service_name: a.service.name,
    unit_name: a.service.unit_name,
    integer_credits: a.service.integer_credits,
    customer: r.customer ?? null,
    sales_channels: r.sales_channels ?? [],
  }
}

/** Sort keys of the account list: `f` columns in the page CTE, the same names on `x` outside it. */
const ACCOUNT_ORDER: Record<string, string> = {
  created_at: "{t}.created_at ASC, {t}.id ASC",
  "-created_at": "{t}.created_at DESC, {t}.id DESC",
  balance: "{t}.effective_balance ASC, {t}.id ASC",
  "-balance": "{t}.effective_balance DESC, {t}.id DESC",
}

function accountWhere(f: IapAccountListFilters): Where {
  const w = where()
  add(w, "a.deleted_at IS NULL")
  if (f.id?.length) add(w, "a.id = ANY(?::text[])", f.id)
  if (f.service_id?.length) add(w, "a.service_id = ANY(?::text[])", f.service_id)
  if (f.service?.length) add(w, "s.technical_name = ANY(?::text[])", f.service)
  if (f.customer_id?.length) add(w, "a.customer_id = ANY(?::text[])", f.customer_id)
  if (f.sales_channel_id?.length) add(w, "a.sales_channel_ids && ?::text[]", f.sales_channel_id)
  if (f.usable_in_sales_channel_ids) usableIn(w, "a", f.usable_in_sales_channel_ids)
  if (f.state?.length) add(w, "a.state = ANY(?::text[])", f.state)
  if (f.balance_min !== undefined) add(w, "(a.balance - d.due) >= ?::numeric", f.balance_min)
  if (f.balance_max !== undefined) add(w, "(a.balance - d.due) <= ?::numeric", f.balance_max)
  if (f.q) {
    add(
      w,
      `EXISTS (SELECT 1 FROM customer c WHERE c.id = a.customer_id AND c.deleted_at IS NULL AND c.email ILIKE ? ESCAPE '\\')`,
      like(f.q)
    )
  }
  return w
}

/**
 * One page of accounts with balances, customer and sales channel names, and the total count.
 *
 * @example
 * const { data, count } = await listAccountsPage(knex, { state: ["active"], q: "acme" }, { limit: 20, offset: 0 })
 */
export async function listAccountsPage(
  knex: Knex,
  filters: IapAccountListFilters,
  page: { limit: number; offset: number; order?: string }
): Promise<IapPage<IapPortalAccountDTO>> {
  const now = clock.now()
  const w = accountWhere(filters)
  const order = ACCOUNT_ORDER[page.order ?? "-created_at"] ?? ACCOUNT_ORDER["-created_at"]
  // The page's ids are chosen before the per-row decoration runs, so its cost is the page's, and
  // the LEFT JOIN keeps the count row when the page is empty (its x columns are then null).
  const { rows } = await knex.raw(
    `WITH f AS (
       SELECT a.id, a.created_at, (a.balance - d.due) AS effective_balance
       FROM iap_account a JOIN iap_service s ON s.id = a.service_id ${DUE_LATERAL} ${clause(w)}
     ), total AS (SELECT count(*)::int AS count FROM f),
     p AS (SELECT * FROM f ORDER BY ${order.replace(/\{t\}/g, "f")} LIMIT ? OFFSET ?)
     SELECT total.count, x.* FROM total LEFT JOIN LATERAL (
       SELECT ${ACCOUNT_FIELDS}, p.effective_balance
       FROM p JOIN iap_account a ON a.id = p.id JOIN iap_service s ON s.id = a.service_id ${DUE_LATERAL}
     ) x ON true
     ORDER BY ${order.replace(/\{t\}/g, "x")}`,
    [now, ...w.bindings, page.limit, page.offset, now]
  )
  return { data: rows.filter((r: any) => r.id).map(portalAccountDto), count: rows[0].count, limit: page.limit, offset: page.offset }
}

/**
 * An account with balances, customer, restriction (with channel names), its lots (newest
 * first) and open holds (soonest expiry first). 404 when absent or outside `scope`.
 *
 * @example
 * await retrieveAccountDetail(knex, "iapacc_1", { customer_id: ["cus_1"], usable_in_sales_channel_ids: ["sc_1"] })
 */
export async function retrieveAccountDetail(
  knex: Knex,
  id: string,
  scope: Pick<IapAccountListFilters, "customer_id" | "usable_in_sales_channel_ids"> = {}
): Promise<IapPortalAccountDetailDTO> {
  const now = clock.now()
  const w = accountWhere({ ...scope, id: [id] })
  const { rows } = await knex.raw(
    `SELECT ${ACCOUNT_FIELDS},
       (SELECT coalesce(json_agg(l ORDER BY l.created_at DESC, l.id DESC), '[]'::json) FROM (
          SELECT id, account_id, source_type, source_id, category, initial_amount::text AS initial_amount,
            remaining::text AS remaining, reserved::text AS reserved, status, expires_at, unit_price::text AS unit_price,
            currency_code, created_at
          FROM iap_credit_lot WHERE account_id = a.id AND deleted_at IS NULL) l) AS lots,
       (SELECT coalesce(json_agg(h ORDER BY h.expires_at, h.id), '[]'::json) FROM (
          SELECT id, account_id, amount::text AS amount, captured_amount::text AS captured_amount, status, expires_at,
            resolved_at, description, idempotency_key, reference_type, reference_id, created_at
          FROM iap_hold WHERE account_id = a.id AND status = 'pending' AND deleted_at IS NULL) h) AS holds
     FROM iap_account a JOIN iap_service s ON s.id = a.service_id ${DUE_LATERAL} ${clause(w)}`,
    [now, ...w.bindings]
  )
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP account with id: ${id} was not found`)
  const r = rows[0]
  return {
    ...portalAccountDto(r),
    lots: r.lots.map((l: any) => lotAsRead(lotDto(toLot(l)), now)),
    holds: r.holds.map((h: any) => holdDto(toHold(h))),
  }
}

// Transactions

const TRANSACTION_FIELDS = `t.id, t.seq, t.account_id, t.type, t.amount::text AS amount, t.balance_after::text AS balance_after,
  t.hold_id, t.reference_type, t.reference_id, t.idempotency_key, t.description, t.actor_type, t.actor_id, t.created_at,
  t.usage, t.rate_id, t.rate_version, s.technical_name AS service, a.customer_id,

  CASE WHEN t.reference_type = 'order' THEN t.reference_id
    WHEN t.type = 'clawback' OR t.reference_type IN ('refund', 'return')
      THEN (SELECT c.order_id FROM iap_clawback c WHERE c.transaction_id = t.id) END AS order_id`

function transactionWhere(f: IapTransactionListFilters): Where {
  const w = where()
  if (f.account_id?.length) add(w, "t.account_id = ANY(?::text[])", f.account_id)
  if (f.service_id?.length) add(w, "a.service_id = ANY(?::text[])", f.service_id)
  if (f.customer_id?.length) add(w, "a.customer_id = ANY(?::text[])", f.customer_id)
  if (f.usable_in_sales_channel_ids) usableIn(w, "a", f.usable_in_sales_channel_ids)
  if (f.type?.length) add(w, "t.type = ANY(?::text[])", f.type)
  if (f.created_at_gte) add(w, "t.created_at >= ?::timestamptz", f.created_at_gte)
  if (f.created_at_lte) add(w, "t.created_at <= ?::timestamptz", f.created_at_lte)
  if (f.reference_type) add(w, "t.reference_type = ?", f.reference_type)
  if (f.reference_id) add(w, "t.reference_id = ?", f.reference_id)
  if (f.hold_id) add(w, "t.hold_id = ?", f.hold_id)
  return w
}

const FROM_TRANSACTIONS = `FROM iap_transaction t JOIN iap_account a ON a.id = t.account_id JOIN iap_service s ON s.id = a.service_id`

function portalTransactionDto(r: any): IapPortalTransactionDTO {
  return {
    id: r.id,
    seq: Number(r.seq),
    account_id: r.account_id,
    service: r.service,
    customer_id: r.customer_id,
    order_id: r.order_id ?? null,
    type: r.type,
    amount: toNumber(fromDb(r.amount)),
    balance_after: toNumber(fromDb(r.balance_after)),
    hold_id: r.hold_id,
    reference_type: r.reference_type,
    reference_id: r.reference_id,
    idempotency_key: r.idempotency_key,
    description: r.description,
    actor_type: r.actor_type,
    actor_id: r.actor_id,
    usage: r.usage ?? null,
    rate_id: r.rate_id ?? null,
    rate_version: r.rate_version ?? null,
    created_at: new Date(r.created_at).toISOString(),
  }
}

/**
 * One page of ledger rows, newest first (`seq` gives the strict write order), and the count.
 *
 * @example
 * await listTransactionsPage(knex, { account_id: ["iapacc_1"], type: ["debit"] }, { limit: 50, offset: 0 })
 */
export async function listTransactionsPage(
  knex: Knex,
  filters: IapTransactionListFilters,
  page: { limit: number; offset: number; order?: "seq" | "-seq" }
): Promise<IapPage<IapPortalTransactionDTO>> {
  const w = transactionWhere(filters)
  const dir = page.order === "seq" ? "ASC" : "DESC"
  const { rows } = await knex.raw(
    `WITH f AS (SELECT t.id, t.seq ${FROM_TRANSACTIONS} ${clause(w)}),
       total AS (SELECT count(*)::int AS count FROM f),
       p AS (SELECT id, seq FROM f ORDER BY seq ${dir} LIMIT ? OFFSET ?)
     SELECT total.count, x.* FROM total LEFT JOIN LATERAL (
       SELECT ${TRANSACTION_FIELDS} FROM p JOIN iap_transaction t ON t.id = p.id
         JOIN iap_account a ON a.id = t.account_id JOIN iap_service s ON s.id = a.service_id
     ) x ON true
     ORDER BY x.seq ${dir}`,
    [...w.bindings, page.limit, page.offset]
  )
  return { data: rows.filter((r: any) => r.id).map(portalTransactionDto), count: rows[0].count, limit: page.limit, offset: page.offset }
}

/**
 * Streams the matching ledger rows in write order through a server-side cursor, `batchSize`
 * rows at a time: memory stays flat however long the ledger is, and the export is one
 * consistent snapshot. `onBatch` may stop the export by throwing (e.g. the client left).
 *
 * @example
 * await exportTransactions(knex, { type: ["debit"] }, 1000, async (rows) => write(rows))
 */
export async function exportTransactions(
  knex: Knex,
  filters: IapTransactionListFilters,
  batchSize: number,
  onBatch: (rows: IapExportTransactionRow[]) => Promise<void>
): Promise<number> {
  const w = transactionWhere(filters)
  let total = 0
  await knex.transaction(async (trx) => {
    await trx.raw(
      `DECLARE iap_export NO SCROLL CURSOR FOR SELECT ${TRANSACTION_FIELDS} ${FROM_TRANSACTIONS} ${clause(w)} ORDER BY t.seq`,
      w.bindings
    )
    for (;;) {
      const { rows } = await trx.raw(`FETCH ${Math.max(1, Math.floor(batchSize))} FROM iap_export`)
      if (!rows.length) break
      total += rows.length
      await onBatch(
        rows.map((r: any) => ({
          ...portalTransactionDto(r),
          // Exact decimals for the file, never a float's rendering.
          amount: toDecimal(fromDb(r.amount)),
          balance_after: toDecimal(fromDb(r.balance_after)),
        }))
      )
    }
    await trx.raw(`CLOSE iap_export`)
  })
  return total
}

// Consumption

function day(d: Date): string {
  return d.toISOString().slice(0, 10)
}

/**
 * Credits consumed (debits + captures, minus those reversed by a compensation) per UTC day and
 * service over `from`..`to` (inclusive). Dense: every day × every service that consumed in the
 * range, zeros included, so a chart needs no gap filling.
 *
 * @example
 * await consumptionSeries(knex, { from: "2030-01-01", to: "2030-01-07", customer_id: ["cus_1"] })
 */
export async function consumptionSeries(knex: Knex, f: IapConsumptionFilters): Promise<IapConsumptionSeries> {
  const from = new Date(`${f.from}T00:00:00.000Z`)
  const to = new Date(`${f.to}T00:00:00.000Z`)
  const w = transactionWhere({
    account_id: f.account_id,
    service_id: f.service_id,
    customer_id: f.customer_id,
    usable_in_sales_channel_ids: f.usable_in_sales_channel_ids,
  })
  if (f.service?.length) add(w, "s.technical_name = ANY(?::text[])", f.service)
  add(w, "t.type IN ('debit', 'capture')")
  add(w, "t.created_at >= ?::timestamptz AND t.created_at < ?::timestamptz", from, new Date(to.getTime() + DAY_MS))
  add(
    w,
    `NOT EXISTS (SELECT 1 FROM iap_transaction r WHERE r.reference_type = 'transaction' AND r.reference_id = t.id
       AND r.type = 'reversal')`
  )
  const { rows } = await knex.raw(
    `SELECT to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS date, s.technical_name AS service,
       (-sum(t.amount))::text AS credits
     ${FROM_TRANSACTIONS} ${clause(w)}
     GROUP BY 1, 2 ORDER BY 1, 2`,
    w.bindings
  )
  const services = [...new Set<string>(rows.map((r: any) => r.service))].sort()
  const byKey = new Map<string, bigint>(rows.map((r: any) => [`${r.date}|${r.service}`, fromDb(r.credits)]))
  const series: IapConsumptionSeries["series"] = []
  for (let t = from.getTime(); t <= to.getTime(); t += DAY_MS) {
    const date = day(new Date(t))
    for (const service of services) {
      series.push({ date, service, credits: toNumber(byKey.get(`${date}|${service}`) ?? 0n) })
    }
  }
  const totals = services.map((service) => ({
    service,
    credits: toNumber(rows.filter((r: any) => r.service === service).reduce((s: bigint, r: any) => s + fromDb(r.credits), 0n)),
  }))
  return { from: f.from, to: f.to, services, series, totals }
}
