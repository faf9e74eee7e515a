import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreIapAccountResponse } from "../../../../../types/http"
import { updateIapAccountWorkflow } from "../../../../../workflows/accounts/update-iap-account"
import { toStoreAccountDetail } from "../serializers"
import type { StoreUpdateIapAccountType } from "../validators"
import { iapService,  storeScope } from "../../../../utils/portal"
import { withIapErrors } from "../../../../utils/iap-errors"

/** GET /store/iap/accounts/:id: one of the customer's accounts (another's answers 404). */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<StoreIapAccountResponse>) => {
  const iap = iapService(req)
  const detail = await iap.retrievePortalAccount(req.params.id, storeScope(req))
  res.json({ account: toStoreAccountDetail(detail, iap.getOptions().creditsUrl) })
})

/** POST /store/iap/accounts/:id: the low-balance threshold and its recipients (at most 10). */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<StoreUpdateIapAccountType>, res: MedusaResponse<StoreIapAccountResponse>) => {
  const iap = iapService(req)
  await updateIapAccountWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  const detail = await iap.retrievePortalAccount(req.params.id, storeScope(req))
  res.json({ account: toStoreAccountDetail(detail, iap.getOptions().creditsUrl) })
})
