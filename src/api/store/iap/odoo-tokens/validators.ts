import { z } from "@medusajs/framework/zod"
import { odooDbuuid, odooToken } from "../../../iap/1/validators"
import { listParam, paginationParams } from "../../../utils/portal-validators"

/** Link "this Odoo database" (its `database.uuid` and its account token for the service) to my account. */
export const StoreLinkOdooToken = z
  .object({
    /** The service's technical name (Odoo's `service_name`). */
    service: z.string().min(1).max(63),
    account_token: odooToken,
    dbuuid: odooDbuuid,
    /** One of the publishable key's sales channels; default: the key's only channel, else none. */
    sales_channel_id: z.string().min(1).max(100).optional(),
  })
  .strict()
export type StoreLinkOdooTokenType = z.infer<typeof StoreLinkOdooToken>

export const StoreGetOdooTokensParams = z
  .object({
    ...paginationParams,
    service: listParam().optional(),
    revoked: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  })
  .strict()
export type StoreGetOdooTokensParamsType = z.infer<typeof StoreGetOdooTokensParams>
