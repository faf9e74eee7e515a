import { z } from "@medusajs/framework/zod"
import { ODOO_DBUUID, ODOO_TOKEN } from "../../../../modules/iap/utils/odoo"
import { listParam, paginationParams } from "../../../utils/portal-validators"

/** Link "this Odoo database" (its `database.uuid` and its account token for the service) to my account. */
export const StoreLinkOdooToken = z
  .object({
    /** The service's technical name (Odoo's `service_name`). */
    service: z.string().min(1).max(63),
    account_token: z.string().regex(ODOO_TOKEN, "account_token must be 16 to 200 printable characters without spaces"),
    dbuuid: z.string().regex(ODOO_DBUUID, "dbuuid must be the Odoo database's UUID (database.uuid)"),
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
