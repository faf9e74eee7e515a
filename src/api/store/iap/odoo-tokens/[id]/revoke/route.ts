import { withIapErrors } from "../../../../../utils/iap-errors"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IapOdooTokenResponse } from "../../../../../../types/http/odoo"
import { revokeOdooTokenWorkflow } from "../../../../../../workflows/odoo/revoke-odoo-token"

/**
 * POST /store/iap/odoo-tokens/:id/revoke → `{ odoo_token }`: my Odoo database's token stops
 * naming my account at once. Another customer's link answers 404.
 */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<IapOdooTokenResponse>) => {
  const { result } = await revokeOdooTokenWorkflow(req.scope).run({
    input: { id: req.params.id, customer_id: req.auth_context.actor_id },
  })
  res.json({ odoo_token: result })
})
