import type { IapOdooCancelResult } from "../../../../types/http/odoo"
import { cancelHoldWorkflow } from "../../../../workflows/holds/cancel-hold"
import { odooRpc } from "../json-rpc"
import { authenticateOdooKey, findOdooHold } from "../odoo-accounts"
import { OdooCancel } from "../validators"

/**
 * POST /iap/1/cancel `{ token, key }` → `{ token, status: "canceled" }`: releases the whole
 * hold. Sent again, it answers the same; after a capture it is a UserError.
 */
export const POST = odooRpc(OdooCancel, async (req, { params }): Promise<IapOdooCancelResult> => {
  const service = await authenticateOdooKey(req, params.key)
  const hold = await findOdooHold(req, service, params.token)
  await cancelHoldWorkflow(req.scope).run({ input: { hold_id: hold.id, idempotency_key: `odoo-cancel:${hold.id}` } })
  return { token: hold.id, status: "canceled" }
})
