import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { IAP_MODULE } from "../../../../../../modules/iap"
import type IapModuleService from "../../../../../../modules/iap/service"
import type { AdminIapRateVersionListResponse, AdminIapRateVersionResponse } from "../../../../../../types/http/rates"
import { withIapErrors } from "../../../../../utils/iap-errors"
import type { AdminCreateRateVersionType } from "../../rate-validators"

/** GET /admin/iap/services/:id/rate-versions: the service's versions, newest first, with their status. */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapRateVersionListResponse>) => {
  const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
  await iap.retrieveIapService(req.params.id)
  res.json({ rate_versions: await iap.listRateVersions(req.params.id) })
})

/**
 * POST /admin/iap/services/:id/rate-versions `{ valid_from?, note?, rates }`: a new version,
 * in effect from `valid_from` (default now; never in the past).
 */
export const POST = withIapErrors(
  async (req: AuthenticatedMedusaRequest<AdminCreateRateVersionType>, res: MedusaResponse<AdminIapRateVersionResponse>) => {
    const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
    res.json({ rate_version: await iap.createRateVersion(req.params.id, req.validatedBody) })
  }
)
