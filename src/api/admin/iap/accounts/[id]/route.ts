import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapAccountResponse } from "../../../../../types/http"
import { updateIapAccountWorkflow } from "../../../../../workflows/accounts/update-iap-account"
import type { AdminUpdateIapAccountType } from "../validators"
import { iapService,  } from "../../../../utils/portal"
import { withIapErrors } from "../../../../utils/iap-errors"

/** GET /admin/iap/accounts/:id: balances, customer, restriction, lots and open holds. */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapAccountResponse>) => {
  res.json({ account: await iapService(req).retrievePortalAccount(req.params.id) })
})

/** POST /admin/iap/accounts/:id: restriction, state, overdraft limit, threshold and recipients. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminUpdateIapAccountType>, res: MedusaResponse<AdminIapAccountResponse>) => {
  await updateIapAccountWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ account: await iapService(req).retrievePortalAccount(req.params.id) })
})
