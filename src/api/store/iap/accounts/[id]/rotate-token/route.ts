import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreIapRotateTokenResponse } from "../../../../../../types/http"
import { rotateIapAccountTokenWorkflow } from "../../../../../../workflows/accounts/rotate-iap-account-token"
import { toStoreAccountDetail } from "../../serializers"
import { iapService,  storeScope } from "../../../../../utils/portal"
import { withIapErrors } from "../../../../../utils/iap-errors"

/** POST /store/iap/accounts/:id/rotate-token: a new account token, in plain text this once. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<StoreIapRotateTokenResponse>) => {
  const iap = iapService(req)
  const { result } = await rotateIapAccountTokenWorkflow(req.scope).run({ input: { id: req.params.id } })
  const detail = await iap.retrievePortalAccount(req.params.id, storeScope(req))
  res.json({ account: toStoreAccountDetail(detail, iap.getOptions().creditsUrl), token: result.token })
})
