import { z } from "@medusajs/framework/zod"
import { consumptionRange, listParam, withConsumptionRange } from "../../../utils/portal-validators"

/** `from`/`to` (UTC days, inclusive; default the last 30 days) and who consumed. */
export const AdminGetIapConsumptionParams = withConsumptionRange(
  z
    .object({
      ...consumptionRange,
      service_id: listParam().optional(),
      /** Services by technical name. */
      service: listParam().optional(),
      account_id: listParam().optional(),
      customer_id: listParam().optional(),
    })
    .strict()
)
export type AdminGetIapConsumptionParamsType = z.infer<typeof AdminGetIapConsumptionParams>
