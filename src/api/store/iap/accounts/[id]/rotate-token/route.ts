import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { rotateIapAccountTokenWorkflow } from "../../../../../../workflows/rotate-iap-account-token"
import { toStoreAccountDetail } from "../../serializers"
import { iapService, portalRoute, storeScope } from "../../../../../utils/portal"

/** POST /store/iap/accounts/:id/rotate-token: a new account token, in plain text this once. */
export const POST = portalRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const iap = iapService(req)
  const { result } = await rotateIapAccountTokenWorkflow(req.scope).run({ input: { id: req.params.id } })
  const detail = await iap.retrievePortalAccount(req.params.id, storeScope(req))
  res.json({ account: toStoreAccountDetail(detail, iap.getOptions().creditsUrl), token: result.token })
})
