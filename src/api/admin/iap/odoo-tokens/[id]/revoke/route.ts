import { withIapErrors } from "../../../../../utils/iap-errors"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IapOdooTokenResponse } from "../../../../../../types/http/odoo"
import { revokeOdooTokenWorkflow } from "../../../../../../workflows/odoo/revoke-odoo-token"

/** POST /admin/iap/odoo-tokens/:id/revoke → `{ odoo_token }`: the token stops naming its account at once. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<IapOdooTokenResponse>) => {
  const { result } = await revokeOdooTokenWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ odoo_token: result })
})
