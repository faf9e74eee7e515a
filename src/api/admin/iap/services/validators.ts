import { z } from "@medusajs/framework/zod"
import { MAX_HOLD_TTL_SECONDS } from "../../../../modules/iap/options"
import { TECHNICAL_NAME } from "../../../../modules/iap/utils/services"
import { amountField, fieldsParam, listParam, orderParam, paginationParams } from "../../../utils/portal-validators"
import { defaultAdminIapServiceFields } from "./query-config"

export const AdminGetIapServicesParams = z
  .object({
    ...paginationParams,
    order: orderParam(["created_at", "updated_at", "technical_name", "name", "status"]).optional(),
    fields: fieldsParam(defaultAdminIapServiceFields).optional(),
    /** Text searched in the technical name and the name. */
    q: z.string().trim().min(1).optional(),
    id: listParam().optional(),
    status: z.enum(["active", "archived"]).optional(),
    provider_type: z.enum(["first_party", "third_party"]).optional(),
  })
  .strict()
export type AdminGetIapServicesParamsType = z.infer<typeof AdminGetIapServicesParams>

export const AdminGetIapServiceParams = z.object({ fields: fieldsParam(defaultAdminIapServiceFields).optional() }).strict()

const serviceFields = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(2000).nullish(),
  unit_name: z.string().trim().min(1).max(50).optional(),
  integer_credits: z.boolean().optional(),
  trial_credits: amountField("trial_credits", { allowZero: true }).optional(),
  default_warning_threshold: amountField("default_warning_threshold", { allowZero: true }).nullish(),
  hold_ttl_seconds: z.number().int().min(1).max(MAX_HOLD_TTL_SECONDS).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
}

export const AdminCreateIapService = z
  .object({
    technical_name: z.string().regex(TECHNICAL_NAME, {
      message: "technical_name must start with a lowercase letter and contain 2 to 63 lowercase letters, digits or underscores",
    }),
    provider_type: z.enum(["first_party", "third_party"]).optional(),
    ...serviceFields,
  })
  .strict()
export type AdminCreateIapServiceType = z.infer<typeof AdminCreateIapService>

export const AdminUpdateIapService = z
  .object({
    ...serviceFields,
    name: serviceFields.name.optional(),
    status: z.enum(["active", "archived"]).optional(),
  })
  .strict()
export type AdminUpdateIapServiceType = z.infer<typeof AdminUpdateIapService>
