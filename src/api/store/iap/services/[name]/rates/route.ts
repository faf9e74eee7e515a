import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../../../../../modules/iap"
import type IapModuleService from "../../../../../../modules/iap/service"
import type { StoreIapServiceRatesResponse } from "../../../../../../types/http/rates"
import { withIapErrors } from "../../../../../utils/iap-errors"

/**
 * GET /store/iap/services/:name/rates: a storefront's price table, the rates of an active
 * service's version in effect now (`rate_version: null` without a rate card).
 */
export const GET = withIapErrors(async (req: MedusaRequest, res: MedusaResponse<StoreIapServiceRatesResponse>) => {
  const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
  const service = await iap.retrieveServiceByName(req.params.name).catch((e) => {
    if (e?.type === MedusaError.Types.NOT_FOUND) return null
    throw e
  })
  if (!service || service.status !== "active") {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service ${req.params.name} was not found`)
  }
  const { technical_name, name, unit_name, integer_credits } = service
  res.json({ service: { technical_name, name, unit_name, integer_credits }, rate_version: await iap.retrieveCurrentRates(service.id) })
})
