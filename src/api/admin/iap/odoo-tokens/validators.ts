import { z } from "@medusajs/framework/zod"
import { ODOO_DBUUID } from "../../../../modules/iap/utils/odoo"
import { listParam, paginationParams } from "../../../utils/portal-validators"

export const AdminGetOdooTokensParams = z
  .object({
    ...paginationParams,
    account_id: listParam().optional(),
    customer_id: listParam().optional(),
    /** Services by technical name. */
    service: listParam().optional(),
    dbuuid: listParam().optional(),
    revoked: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const bad = v.dbuuid?.find((d) => !ODOO_DBUUID.test(d))
    if (bad !== undefined) ctx.addIssue({ code: "custom", path: ["dbuuid"], message: `dbuuid must be an Odoo database's UUID, not ${bad}` })
  })
export type AdminGetOdooTokensParamsType = z.infer<typeof AdminGetOdooTokensParams>
