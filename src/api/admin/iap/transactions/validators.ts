import { z } from "@medusajs/framework/zod"
import { createdAtRange, enumListParam, listParam, paginationParams } from "../../../utils/portal-validators"

export const TRANSACTION_TYPES = ["grant", "purchase", "debit", "capture", "expiry", "void", "adjustment", "reversal", "clawback"] as const

/** Filters of the ledger, shared by the list, the CSV export and the store's account ledger. */
export const transactionFilters = {
  type: enumListParam(TRANSACTION_TYPES, "type").optional(),
  /** `created_at[$gte]` / `created_at[$lte]`: ISO 8601, both inclusive. */
  created_at: createdAtRange().optional(),
  reference_type: z.string().trim().min(1).max(100).optional(),
  reference_id: z.string().trim().min(1).max(200).optional(),
}

const adminFilters = {
  ...transactionFilters,
  account_id: listParam().optional(),
  service_id: listParam().optional(),
  customer_id: listParam().optional(),
}

export const AdminGetIapTransactionsParams = z
  .object({ ...paginationParams, order: z.enum(["seq", "-seq"]).optional(), ...adminFilters })
  .strict()
export type AdminGetIapTransactionsParamsType = z.infer<typeof AdminGetIapTransactionsParams>

export const AdminExportIapTransactionsParams = z.object(adminFilters).strict()
export type AdminExportIapTransactionsParamsType = z.infer<typeof AdminExportIapTransactionsParams>
