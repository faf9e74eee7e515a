import { z } from "@medusajs/framework/zod"
import {
  amountField,
  dateTimeParam,
  decimalParam,
  enumListParam,
  idempotencyKey,
  listParam,
  paginationParams,
  warningEmails,
} from "../../../utils/portal-validators"

const ACCOUNT_STATES = ["active", "suspended", "closed"] as const

export const AdminGetIapAccountsParams = z
  .object({
    ...paginationParams,
    order: z.enum(["created_at", "-created_at", "balance", "-balance"]).optional(),
    service_id: listParam().optional(),
    /** Services by technical name. */
    service: listParam().optional(),
    customer_id: listParam().optional(),
    /** Accounts restricted to (one of) these sales channels. */
    sales_channel_id: listParam().optional(),
    state: enumListParam(ACCOUNT_STATES, "state").optional(),
    balance_min: decimalParam("balance_min").optional(),
    balance_max: decimalParam("balance_max").optional(),
    /** Text searched in the customer's email. */
    q: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
export type AdminGetIapAccountsParamsType = z.infer<typeof AdminGetIapAccountsParams>

export const AdminGetIapAccountParams = z.object({}).strict()

const salesChannelIds = z.array(z.string().trim().min(1).max(100))
const settings = {
  sales_channel_ids: salesChannelIds.optional(),
  overdraft_limit: amountField("overdraft_limit", { allowZero: true }).optional(),
  warning_threshold: amountField("warning_threshold", { allowZero: true }).nullish(),
  warning_emails: warningEmails().optional(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

export const AdminCreateIapAccount = z
  .object({
    service_id: z.string().trim().min(1),
    /** The holder; null or omitted for an account of the store itself. */
    customer_id: z.string().trim().min(1).nullish(),
    ...settings,
  })
  .strict()
export type AdminCreateIapAccountType = z.infer<typeof AdminCreateIapAccount>

export const AdminUpdateIapAccount = z
  .object({ ...settings, state: z.enum(ACCOUNT_STATES).optional() })
  .strict()
export type AdminUpdateIapAccountType = z.infer<typeof AdminUpdateIapAccount>

const note = z.string().trim().min(1).max(1000)

export const AdminGrantIapCredits = z
  .object({
    amount: amountField("amount"),
    note,
    category: z.enum(["promotional", "paid"]).optional(),
    expires_at: dateTimeParam("expires_at").optional(),
    expires_after_days: z.number().int().min(1).max(36500).optional(),
    idempotency_key: idempotencyKey().optional(),
  })
  .strict()
  .refine((v) => !(v.expires_at && v.expires_after_days), {
    path: ["expires_at"],
    message: "expires_at and expires_after_days cannot be combined",
  })
export type AdminGrantIapCreditsType = z.infer<typeof AdminGrantIapCredits>

export const AdminAdjustIapCredits = z
  .object({
    /** Signed: + adds a promotional lot, − draws down like a debit. */
    amount: amountField("amount", { allowNegative: true }),
    note,
    idempotency_key: idempotencyKey().optional(),
  })
  .strict()
export type AdminAdjustIapCreditsType = z.infer<typeof AdminAdjustIapCredits>

export const AdminVoidIapLot = z
  .object({ note: note.optional(), idempotency_key: idempotencyKey().optional() })
  .strict()
export type AdminVoidIapLotType = z.infer<typeof AdminVoidIapLot>
