import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapDeleteResponse } from "../../../../../../../types/http"
import { IAP_MODULE } from "../../../../../../../modules/iap"
import type IapModuleService from "../../../../../../../modules/iap/service"
import type { AdminIapRateVersionResponse } from "../../../../../../../types/http/rates"
import { withIapErrors } from "../../../../../../utils/iap-errors"
import type { AdminUpdateRateVersionType } from "../../../rate-validators"

const iap = (req: AuthenticatedMedusaRequest) => req.scope.resolve<IapModuleService>(IAP_MODULE)

/** GET /admin/iap/services/:id/rate-versions/:version_id: the version with its rates. */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapRateVersionResponse>) => {
  res.json({ rate_version: await iap(req).retrieveRateVersion(req.params.version_id, req.params.id) })
})

/** POST …/:version_id `{ valid_from?, note?, rates? }`: changes a version not in effect yet (rates are replaced). */
export const POST = withIapErrors(
  async (req: AuthenticatedMedusaRequest<AdminUpdateRateVersionType>, res: MedusaResponse<AdminIapRateVersionResponse>) => {
    await iap(req).retrieveRateVersion(req.params.version_id, req.params.id)
    res.json({ rate_version: await iap(req).updateRateVersion(req.params.version_id, req.validatedBody) })
  }
)

/** DELETE …/:version_id: deletes a version not in effect yet. */
export const DELETE = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapDeleteResponse<"iap_rate_version">>) => {
  await iap(req).retrieveRateVersion(req.params.version_id, req.params.id)
  await iap(req).deleteRateVersion(req.params.version_id)
  res.json({ id: req.params.version_id, object: "iap_rate_version", deleted: true })
})
