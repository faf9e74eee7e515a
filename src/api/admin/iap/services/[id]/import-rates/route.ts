import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IAP_MODULE } from "../../../../../../modules/iap"
import type IapModuleService from "../../../../../../modules/iap/service"
import { csvToRates } from "../../../../../../modules/iap/utils/rate-csv"
import type { AdminIapRateVersionResponse } from "../../../../../../types/http/rates"
import { withIapErrors } from "../../../../../utils/iap-errors"
import type { AdminImportRateVersionType } from "../../rate-validators"

/**
 * POST /admin/iap/services/:id/import-rates `{ csv, valid_from?, note? }`: a new version
 * from CSV text (`metric,<dimension keys…>,unit_credits,tiers`, the export's format).
 */
export const POST = withIapErrors(
  async (req: AuthenticatedMedusaRequest<AdminImportRateVersionType>, res: MedusaResponse<AdminIapRateVersionResponse>) => {
    const { csv, valid_from, note } = req.validatedBody
    const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
    res.json({ rate_version: await iap.createRateVersion(req.params.id, { valid_from, note, rates: csvToRates(csv) }) })
  }
)
