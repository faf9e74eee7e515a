import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { updateIapAccountWorkflow } from "../../../../../workflows/update-iap-account"
import type { AdminUpdateIapAccountType } from "../validators"
import { iapService, portalRoute } from "../../../../utils/portal"

/** GET /admin/iap/accounts/:id: balances, customer, restriction, lots and open holds. */
export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  res.json({ account: await iapService(req).retrievePortalAccount(req.params.id) })
}

/** POST /admin/iap/accounts/:id: restriction, state, overdraft limit, threshold and recipients. */
export const POST = portalRoute(async (req: AuthenticatedMedusaRequest<AdminUpdateIapAccountType>, res: MedusaResponse) => {
  await updateIapAccountWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ account: await iapService(req).retrievePortalAccount(req.params.id) })
})
