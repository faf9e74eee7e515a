import { z } from "@medusajs/framework/zod"
import { transactionFilters } from "../../../admin/iap/transactions/validators"
import { amountField, enumListParam, listParam, paginationParams, warningEmails } from "../../../utils/portal-validators"

export const StoreGetIapAccountsParams = z
  .object({
    ...paginationParams,
    /** Services by technical name. */
    service: listParam().optional(),
    state: enumListParam(["active", "suspended", "closed"] as const, "state").optional(),
  })
  .strict()
export type StoreGetIapAccountsParamsType = z.infer<typeof StoreGetIapAccountsParams>

export const StoreGetIapAccountParams = z.object({}).strict()

/** The customer's own low-balance alert: a threshold (null = off) and up to 10 recipients. */
export const StoreUpdateIapAccount = z
  .object({
    warning_threshold: amountField("warning_threshold", { allowZero: true }).nullish(),
    warning_emails: warningEmails().optional(),
  })
  .strict()
export type StoreUpdateIapAccountType = z.infer<typeof StoreUpdateIapAccount>

export const StoreGetIapTransactionsParams = z
  .object({ ...paginationParams, order: z.enum(["seq", "-seq"]).optional(), ...transactionFilters })
  .strict()
export type StoreGetIapTransactionsParamsType = z.infer<typeof StoreGetIapTransactionsParams>
