/**
 * Client-side schemas of the admin forms (react-hook-form + zod resolver). They check what a
 * form can tell before a request (present, a number, a whole number of days); the finer rules
 * (4 decimals, whole credits for some services, limits) are the API's, whose message is shown.
 * Each form turns its values into the request type of the server's own validator.
 */
import { z } from "@medusajs/framework/zod"

const DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * Client-side check of an amount field: present and a plain decimal number. The finer rules
 * (4 decimals, whole credits for some services, limits) are the API's, and its message is shown.
 *
 * @example
 * amountError("abc", "Amount") // "Amount must be a number"
 */
export function amountError(value: string, label: string, opts: { allowNegative?: boolean; allowZero?: boolean } = {}): string | null {
  const v = value.trim()
  if (!v) return `${label} is required`
  if (!DECIMAL.test(v)) return `${label} must be a number`
  if (!opts.allowNegative && v.startsWith("-")) return `${label} must not be negative`
  if (!opts.allowZero && Number(v) === 0) return `${label} must not be 0`
  return null
}

type AmountOptions = { allowNegative?: boolean; allowZero?: boolean; optional?: boolean }

/**
 * A decimal amount typed in a text input.
 *
 * @example
 * amountInput("Amount").safeParse("ten").error?.issues[0].message // "Amount must be a number"
 */
export function amountInput(label: string, opts: AmountOptions = {}) {
  return z.string().superRefine((value, ctx) => {
    if (opts.optional && !value.trim()) return
    const message = amountError(value, label, opts)
    if (message) ctx.addIssue({ code: "custom", message })
  })
}

/** A whole number of days, or empty for "never". */
export function daysInput(label: string) {
  return z
    .string()
    .refine((v) => !v.trim() || /^[1-9]\d*$/.test(v.trim()), `${label} must be a whole number of days`)
}

/** "" → undefined, "30" → 30 (after `daysInput` checked it). */
export const toDays = (value: string): number | undefined => (value.trim() ? Number(value.trim()) : undefined)

const note = z.string().trim().min(1, "A note is required: it is written to the ledger").max(1000, "At most 1000 characters")

export const grantFormSchema = z.object({
  amount: amountInput("Amount"),
  note,
  category: z.enum(["promotional", "paid"]),
  expires_after_days: daysInput("Expiry"),
})
export type GrantFormValues = z.input<typeof grantFormSchema>

/** Grant from a customer's page: the service picks (or opens) the account. */
export const customerGrantFormSchema = grantFormSchema.extend({ service_id: z.string().min(1, "Choose a service") })
export type CustomerGrantFormValues = z.input<typeof customerGrantFormSchema>

export const adjustFormSchema = z.object({
  amount: amountInput("Amount", { allowNegative: true }),
  note,
})
export type AdjustFormValues = z.input<typeof adjustFormSchema>

export const accessFormSchema = z.object({
  state: z.enum(["active", "suspended", "closed"]),
  overdraft_limit: amountInput("Overdraft limit", { allowZero: true, optional: true }),
  sales_channel_ids: z.array(z.string()),
})
export type AccessFormValues = z.input<typeof accessFormSchema>

export const MAX_RECIPIENTS = 10
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** "a@x.io, b@y.io\nc@z.io" → the addresses, trimmed, without blanks or repeats. */
export function parseRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))]
}

export const recipientsInput = z.string().superRefine((text, ctx) => {
  const emails = parseRecipients(text)
  const bad = emails.find((m) => !EMAIL.test(m))
  if (bad) ctx.addIssue({ code: "custom", message: `${bad} is not an email address` })
  else if (emails.length > MAX_RECIPIENTS) ctx.addIssue({ code: "custom", message: `At most ${MAX_RECIPIENTS} recipients` })
})

export const warningFormSchema = z.object({
  warning_threshold: amountInput("Threshold", { allowZero: true, optional: true }),
  warning_emails: recipientsInput,
})
export type WarningFormValues = z.input<typeof warningFormSchema>

const TECHNICAL_NAME = /^[a-z][a-z0-9_]{1,62}$/

export const serviceFormSchema = z.object({
  creating: z.boolean(),
  technical_name: z.string(),
  name: z.string().trim().min(1, "Name is required"),
  description: z.string(),
  unit_name: z.string().trim().min(1, "Unit name is required"),
  integer_credits: z.boolean(),
  trial_credits: amountInput("Trial credits", { allowZero: true, optional: true }),
  default_warning_threshold: amountInput("Default threshold", { allowZero: true, optional: true }),
  provider_type: z.enum(["first_party", "third_party"]),
  hold_ttl_seconds: z.string().refine((v) => !v.trim() || /^\d+$/.test(v.trim()), "Hold TTL must be a whole number of seconds"),
}).superRefine((v, ctx) => {
  if (v.creating && !TECHNICAL_NAME.test(v.technical_name)) {
    ctx.addIssue({
      code: "custom",
      path: ["technical_name"],
      message: "2 to 63 lowercase letters, digits or underscores, starting with a letter",
    })
  }
})
export type ServiceFormInput = z.input<typeof serviceFormSchema>

export const packFormSchema = z.object({
  service_id: z.string().min(1, "Choose a service"),
  credits: amountInput("Credits"),
  expires_after_days: daysInput("Expiry"),
  category: z.enum(["paid", "promotional"]),
})
export type PackFormValues = z.input<typeof packFormSchema>

export const accountFormSchema = z.object({
  holder: z.enum(["customer", "store"]),
  customer_id: z.string(),
  service_id: z.string().min(1, "Choose a service"),
  sales_channel_ids: z.array(z.string()),
  overdraft_limit: amountInput("Overdraft limit", { allowZero: true, optional: true }),
  warning_threshold: amountInput("Threshold", { allowZero: true, optional: true }),
}).superRefine((v, ctx) => {
  if (v.holder === "customer" && !v.customer_id.trim()) {
    ctx.addIssue({ code: "custom", path: ["customer_id"], message: "Choose a customer" })
  }
})
export type AccountFormValues = z.input<typeof accountFormSchema>

/** "Sell as credit packs" on a product: one service and terms, credits per variant (empty = not a pack). */
export const sellPacksFormSchema = z
  .object({
    service_id: z.string().min(1, "Choose a service"),
    expires_after_days: daysInput("Expiry"),
    category: z.enum(["paid", "promotional"]),
    variants: z.array(z.object({ variant_id: z.string(), title: z.string(), credits: amountInput("Credits", { optional: true }) })),
  })
  .superRefine((v, ctx) => {
    if (!v.variants.some((x) => x.credits.trim())) {
      ctx.addIssue({ code: "custom", path: ["variants"], message: "Give at least one variant its credits" })
    }
  })
export type SellPacksFormValues = z.input<typeof sellPacksFormSchema>

/** "Create pack product": a product with one variant per pack, priced per store currency. */
export const packProductFormSchema = z.object({
  service_id: z.string().min(1, "Choose a service"),
  title: z.string().trim().min(1, "Title is required").max(255, "At most 255 characters"),
  status: z.enum(["published", "draft"]),
  category: z.enum(["paid", "promotional"]),
  sales_channel_ids: z.array(z.string()),
  packs: z
    .array(
      z
        .object({
          credits: amountInput("Credits"),
          title: z.string().max(255, "At most 255 characters"),
          expires_after_days: daysInput("Expiry"),
          prices: z.array(z.object({ currency_code: z.string(), amount: amountInput("Price", { allowZero: true, optional: true }) })),
        })
        .superRefine((p, ctx) => {
          if (!p.prices.some((x) => x.amount.trim())) {
            ctx.addIssue({ code: "custom", path: ["prices"], message: "Give the pack a price in at least one currency" })
          }
        })
    )
    .min(1, "Add at least one pack"),
})
export type PackProductFormValues = z.input<typeof packProductFormSchema>
