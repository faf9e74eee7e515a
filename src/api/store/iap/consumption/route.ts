import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreIapConsumptionResponse } from "../../../../types/http"
import { iapService, storeScope } from "../../../utils/portal"
import type { StoreGetIapConsumptionParamsType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * GET /store/iap/consumption: the signed-in customer's credits consumed per UTC day and service
 * (accounts usable in this store's sales channels only; another's `account_id` matches nothing).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, StoreGetIapConsumptionParamsType>, res: MedusaResponse<StoreIapConsumptionResponse>) => {
  const params = req.validatedQuery as StoreGetIapConsumptionParamsType
  const consumption = await iapService(req).consumptionSeries({ ...params, ...storeScope(req) })
  res.json({ consumption })
})
