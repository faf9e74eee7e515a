import { z } from "@medusajs/framework/zod"
import { parseAmount } from "../../modules/iap/utils/amount"

/** Zod pieces shared by the admin and store IAP portal validators. */

export const MAX_WARNING_EMAILS = 10
export const MAX_CONSUMPTION_DAYS = 366

/**
 * Credits as a JSON number or a decimal string, checked by the ledger's own rules (rule 2),
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

/**
 * An ISO 8601 date or date-time, normalized to a UTC ISO string.
 *
 * @example
 * dateTimeParam("created_at[$gte]").parse("2030-01-02") // "2030-01-02T00:00:00.000Z"
 */
export const dateTimeParam = (field: string) =>
  z
    .string()
    .trim()
    .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
      message: `${field} must be an ISO 8601 date or date-time`,
    })
    .transform((s) => new Date(s).toISOString())

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
    .refine((s) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
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
