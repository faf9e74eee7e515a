import { z } from "@medusajs/framework/zod"
import { MAX_HOLD_TTL_SECONDS } from "../../../modules/iap/options"
import { parseAmount } from "../../../modules/iap/utils/amount"
import { parseUsage } from "../../../modules/iap/utils/pricing"

/** Credits as a JSON number or a decimal string: > 0, ≤ 10^12, at most 4 decimal places (docs/rules.md §2). */
const creditsField = (opts: { allowZero?: boolean } = {}) =>
  z.union([z.number(), z.string()]).superRefine((value, ctx) => {
    try {
      parseAmount(value, { field: "credits", allowZero: opts.allowZero })
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message })
    }
  })

const credits = creditsField()

const accountToken = z.string().min(1).max(200)
const salesChannelId = z.string().trim().min(1).max(100).nullish()
const idempotencyKey = z.string().trim().min(1).max(255)
const description = z.string().max(1000).nullish()
const holdId = z.string().trim().min(1).max(100)

/** `{ metric, quantity, dimensions? }`, checked as the module prices it (errors name `usage.*`). */
export const usageField = z
  .object({
    metric: z.string().max(63),
    quantity: z.union([z.number(), z.string().max(40)]),
    dimensions: z.record(z.string().max(63), z.string().max(100)).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    try {
      parseUsage(value)
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message })
    }
  })

/** docs/rules.md §15: a charge sends `credits` or a `usage` the service's rate card prices, never both. */
const oneOfCreditsOrUsage = (body: { credits?: unknown; usage?: unknown }, ctx: z.RefinementCtx) => {
  if (body.credits === undefined && body.usage === undefined) {
    ctx.addIssue({ code: "custom", path: ["credits"], message: "credits is required (or a usage the service's rate card prices)" })
  } else if (body.credits !== undefined && body.usage !== undefined) {
    ctx.addIssue({ code: "custom", path: ["credits"], message: "send either credits or usage, not both" })
  }
}

/** Every provider call names the account by its token (and, optionally, the sales channel). */
const AccountTarget = z.object({ account_token: accountToken, sales_channel_id: salesChannelId })

export const ProviderBalance = AccountTarget.strict()
export type ProviderBalanceType = z.infer<typeof ProviderBalance>

export const ProviderCharge = AccountTarget.extend({
  credits: credits.optional(),
  usage: usageField.optional(),
  idempotency_key: idempotencyKey,
  description,
})
  .strict()
  .superRefine(oneOfCreditsOrUsage)
export type ProviderChargeType = z.infer<typeof ProviderCharge>

export const ProviderAuthorize = AccountTarget.extend({
  credits: credits.optional(),
  usage: usageField.optional(),
  idempotency_key: idempotencyKey,
  ttl_seconds: z.number().int().min(1).max(MAX_HOLD_TTL_SECONDS).optional(),
  description,
})
  .strict()
  .superRefine(oneOfCreditsOrUsage)
export type ProviderAuthorizeType = z.infer<typeof ProviderAuthorize>

export const ProviderCapture = AccountTarget.extend({
  hold_id: holdId,
  /** At most the authorized credits; the whole hold when omitted. 0 captures nothing. */
  credits: creditsField({ allowZero: true }).optional(),
  /** The final usage instead of credits: priced with the authorization's rate card version. */
  usage: usageField.optional(),
  idempotency_key: idempotencyKey,
  description,
})
  .strict()
  .superRefine((body, ctx) => {
    if (body.credits !== undefined && body.usage !== undefined) {
      ctx.addIssue({ code: "custom", path: ["credits"], message: "send either credits or usage, not both" })
    }
  })
export type ProviderCaptureType = z.infer<typeof ProviderCapture>

export const ProviderEstimate = AccountTarget.extend({ usage: usageField }).strict()
export type ProviderEstimateType = z.infer<typeof ProviderEstimate>

export const ProviderCancel = AccountTarget.extend({ hold_id: holdId, idempotency_key: idempotencyKey }).strict()
export type ProviderCancelType = z.infer<typeof ProviderCancel>
