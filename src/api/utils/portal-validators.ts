import { z } from "@medusajs/framework/zod"
import { parseAmount } from "../../modules/iap/utils/amount"

/** Zod pieces shared by the admin and store IAP portal validators. */

export const MAX_WARNING_EMAILS = 10
export const MAX_CONSUMPTION_DAYS = 366

/**
 * Credits as a JSON number or a decimal string, checked by the ledger's own rules (docs/rules.md rule 2),
 * with the field named in the message.
 *
 * @example
 * z.object({ amount: amountField("amount", { allowNegative: true }) })
 */
export const amountField = (field: string, opts: { allowZero?: boolean; allowNegative?: boolean } = {}) =>
  z.union([z.number(), z.string()]).superRefine((value, ctx) => {
    try {
      const units = parseAmount(value, { field, ...opts, allowZero: true })
      if (units === 0n && !opts.allowZero) {
        ctx.addIssue({ code: "custom", message: `${field} must ${opts.allowNegative ? "not be 0" : "be greater than 0"}` })
      }
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message })
    }
  })

/**
 * A query value given once, repeated, or comma-separated → a list of non-empty strings.
 *
 * @example
 * listParam().parse("a,b") // ["a", "b"]; listParam().parse(["a", "b,c"]) // ["a", "b", "c"]
 */
export const listParam = () =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean))

/**
 * Like `listParam`, each value one of `values` (the message names the field and the bad value).
 *
 * @example
 * enumListParam(["active", "closed"] as const, "state").parse("active,closed")
 */
export const enumListParam = <T extends string>(values: readonly [T, ...T[]], field: string) =>
  listParam()
    .superRefine((list, ctx) => {
      const bad = list.find((v) => !(values as readonly string[]).includes(v))
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `${field} must be one of ${values.join(", ")}, not ${bad}` })
      }
    })
    .transform((list) => list as T[])

const DECIMAL = /^-?\d+(\.\d{1,4})?$/

/**
 * A decimal in a query string (balance bounds), kept as text for exact SQL comparison.
 *
 * @example
 * decimalParam("balance_min").parse("12.5") // "12.5"
 */
export const decimalParam = (field: string) =>
  z.string().trim().regex(DECIMAL, { message: `${field} must be a number with at most 4 decimal places` })

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * Whether `s` is an ISO 8601 date or date-time that names a real moment Postgres can store:
 * month 1–12, a day that month has, hours < 24, years 1–9999 (no "2020-02-30", no year 0).
 *
 * @example
 * isIsoDateTime("2030-01-02T10:00:00Z") // true
 * isIsoDateTime("2020-13-45") // false
 */
export function isIsoDateTime(s: string): boolean {
  const m = ISO_DATE_TIME.exec(s)
  if (!m) return false
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v))) as number[]
  const daysInMonth = new Date(Date.UTC(2000, month, 0)).getUTCDate() + (month === 2 && !isLeap(year) ? -1 : 0)
  const offset = m[7] && m[7].toUpperCase() !== "Z" ? /^[+-](\d{2}):?(\d{2})$/.exec(m[7]) : null
  if (offset && (Number(offset[1]) > 14 || Number(offset[2]) > 59)) return false
  return (
    year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth &&
    hour < 24 && minute < 60 && second < 60 && !Number.isNaN(Date.parse(s.replace(" ", "T")))
  )
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/**
 * An ISO 8601 date or date-time (a real one, see `isIsoDateTime`), normalized to a UTC ISO string.
 *
 * @example
 * dateTimeParam("created_at[$gte]").parse("2030-01-02") // "2030-01-02T00:00:00.000Z"
 * dateTimeParam("expires_at").parse("2020-02-30") // ZodError: expires_at must be an ISO 8601 date or date-time
 */
export const dateTimeParam = (field: string) =>
  z
    .string()
    .trim()
    .refine(isIsoDateTime, { message: `${field} must be an ISO 8601 date or date-time (years 0001–9999)` })
    .transform((s) => new Date(s.replace(" ", "T")).toISOString())

/**
 * `order` of a list: one of the given fields, ascending or with `-` descending; anything
 * else is a 400 naming the allowed values.
 *
 * @example
 * orderParam(["created_at", "credits"]).parse("-credits") // "-credits"
 */
export const orderParam = (fields: readonly [string, ...string[]]) => {
  const allowed = fields.flatMap((f) => [f, `-${f}`])
  return z.string().refine((v) => allowed.includes(v), { message: `order must be one of ${allowed.join(", ")}` })
}

/**
 * `fields` of a response: a comma-separated list, each entry (with an optional `+`/`-`
 * prefix) one of `allowed`. Relations go by their listed dotted fields only: `*service`,
 * `service.*` or any field not listed answers 400, so no secret-derived column is reachable.
 *
 * @example
 * fieldsParam(["id", "service.name"]).parse("id,+service.name") // "id,+service.name"
 * fieldsParam(["id"]).parse("service.key_hash") // ZodError: fields: service.key_hash is not allowed
 */
export const fieldsParam = (allowed: readonly string[]) =>
  z.string().superRefine((v, ctx) => {
    const bad = v
      .split(",")
      .map((f) => f.trim().replace(/^[+-]/, ""))
      .filter((f) => f !== "" && !allowed.includes(f))
    if (bad.length) ctx.addIssue({ code: "custom", message: `fields: ${bad.join(", ")} ${bad.length > 1 ? "are" : "is"} not allowed` })
  })

/**
 * `created_at[$gte]=…&created_at[$lte]=…` (Medusa's operator style).
 *
 * @example
 * z.object({ created_at: createdAtRange().optional() })
 */
export const createdAtRange = () =>
  z
    .object({ $gte: dateTimeParam("created_at[$gte]").optional(), $lte: dateTimeParam("created_at[$lte]").optional() })
    .strict()

/**
 * `limit` (1–100) and `offset` of a list; the query config gives the default limit.
 *
 * @example
 * z.object({ ...paginationParams, q: z.string().optional() }).strict()
 */
export const paginationParams = {
  limit: z.coerce.number().int().min(1).max(100).optional(),
  offset: z.coerce.number().int().min(0).optional(),
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

const dayParam = (field: string) =>
  z
    .string()
    .refine((s) => DAY.test(s) && isIsoDateTime(s), {
      message: `${field} must be a date (YYYY-MM-DD)`,
    })

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10)
}

/**
 * `from`/`to` UTC days, both inclusive; `to` defaults to today and `from` to 29 days before
 * `to` (30 days). At most `MAX_CONSUMPTION_DAYS` days.
 *
 * @example
 * withConsumptionRange(z.object({ ...consumptionRange, service: listParam().optional() }).strict())
 */
export const consumptionRange = {
  from: dayParam("from").optional(),
  to: dayParam("to").optional(),
}

/**
 * Fills the default range and checks its order and length (on the parsed object).
 *
 * @example
 * withConsumptionRange(z.object({ ...consumptionRange }).strict()).parse({ from: "2030-01-01", to: "2030-01-31" })
 */
export function withConsumptionRange<T extends { from?: string; to?: string }>(
  schema: z.ZodType<T>
) {
  return schema
    .transform((v) => {
      const to = v.to ?? today()
      const from = v.from ?? daysBefore(to, 29)
      return { ...v, from, to }
    })
    .superRefine((v, ctx) => {
      const days = (Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 + 1
      if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "to must be on or after from" })
      else if (days > MAX_CONSUMPTION_DAYS) {
        ctx.addIssue({ code: "custom", path: ["to"], message: `from..to spans at most ${MAX_CONSUMPTION_DAYS} days` })
      }
    })
}

/**
 * Low-balance alert recipients: valid addresses, at most `MAX_WARNING_EMAILS`.
 *
 * @example
 * z.object({ warning_emails: warningEmails().optional() })
 */
export const warningEmails = () =>
  z
    .array(z.string().trim().email({ message: "warning_emails must contain valid email addresses" }))
    .max(MAX_WARNING_EMAILS)

/**
 * A client's idempotency key (1–255 characters).
 *
 * @example
 * z.object({ idempotency_key: idempotencyKey().optional() })
 */
export const idempotencyKey = () => z.string().trim().min(1).max(255)
