import { z } from "@medusajs/framework/zod"
import { consumptionRange, listParam, withConsumptionRange } from "../../../utils/portal-validators"

/** `from`/`to` (UTC days, inclusive; default the last 30 days), optionally some accounts or services. */
export const StoreGetIapConsumptionParams = withConsumptionRange(
  z
    .object({
      ...consumptionRange,
      account_id: listParam().optional(),
      /** Services by technical name. */
      service: listParam().optional(),
    })
    .strict()
)
export type StoreGetIapConsumptionParamsType = z.infer<typeof StoreGetIapConsumptionParams>
