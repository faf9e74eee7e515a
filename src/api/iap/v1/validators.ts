import { z } from "@medusajs/framework/zod"
import { MAX_HOLD_TTL_SECONDS } from "../../../modules/iap/options"
import { parseAmount } from "../../../modules/iap/utils/amount"

/** Credits as a JSON number or a decimal string: > 0, ≤ 10^12, at most 4 decimal places (rule 2). */
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

/** Every provider call names the account by its token (and, optionally, the sales channel). */
const AccountTarget = z.object({ account_token: accountToken, sales_channel_id: salesChannelId })

export const ProviderBalance = AccountTarget.strict()
export type ProviderBalanceType = z.infer<typeof ProviderBalance>

export const ProviderCharge = AccountTarget.extend({ credits, idempotency_key: idempotencyKey, description }).strict()
export type ProviderChargeType = z.infer<typeof ProviderCharge>

export const ProviderAuthorize = AccountTarget.extend({
  credits,
  idempotency_key: idempotencyKey,
  ttl_seconds: z.number().int().min(1).max(MAX_HOLD_TTL_SECONDS).optional(),
  description,
}).strict()
export type ProviderAuthorizeType = z.infer<typeof ProviderAuthorize>

export const ProviderCapture = AccountTarget.extend({
  hold_id: holdId,
  /** At most the authorized credits; the whole hold when omitted. 0 captures nothing. */
  credits: creditsField({ allowZero: true }).optional(),
  idempotency_key: idempotencyKey,
  description,
}).strict()
export type ProviderCaptureType = z.infer<typeof ProviderCapture>

export const ProviderCancel = AccountTarget.extend({ hold_id: holdId, idempotency_key: idempotencyKey }).strict()
export type ProviderCancelType = z.infer<typeof ProviderCancel>
