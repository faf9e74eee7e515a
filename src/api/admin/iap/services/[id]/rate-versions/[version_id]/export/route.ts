import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IAP_MODULE } from "../../../../../../../../modules/iap"
import type IapModuleService from "../../../../../../../../modules/iap/service"
import { ratesToCsv } from "../../../../../../../../modules/iap/utils/rate-csv"
import { withIapErrors } from "../../../../../../../utils/iap-errors"

/** GET …/:version_id/export: the version's rates as CSV (what the import takes back). */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
  const version = await iap.retrieveRateVersion(req.params.version_id, req.params.id)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="rates-v${version.version}.csv"`)
  res.send(ratesToCsv(version.rates ?? []))
})
