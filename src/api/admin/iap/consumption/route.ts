import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapConsumptionResponse } from "../../../../types/http"
import { iapService } from "../../../utils/portal"
import type { AdminGetIapConsumptionParamsType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * GET /admin/iap/consumption: credits consumed (debits + captures) per UTC day and service
 * over `from`..`to`, one point per day per service (zeros included), and totals.
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminGetIapConsumptionParamsType>, res: MedusaResponse<AdminIapConsumptionResponse>) => {
  const consumption = await iapService(req).consumptionSeries(req.validatedQuery as AdminGetIapConsumptionParamsType)
  res.json({ consumption })
})
