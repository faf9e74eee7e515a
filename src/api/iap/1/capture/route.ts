import type { IapOdooCaptureResult } from "../../../../types/http/odoo"
import { captureHoldWorkflow } from "../../../../workflows/holds/capture-hold"
import { assertServiceCredits } from "../../v1/provider-account"
import { odooRpc } from "../json-rpc"
import { authenticateOdooKey, findOdooHold } from "../odoo-accounts"
import { OdooCapture } from "../validators"

/**
 * POST /iap/1/capture `{ token, key, credit_to_capture }` → `{ token, status, credit_captured }`:
 * debits `credit_to_capture` (≤ authorized, 0 allowed) and releases the rest. A hold resolves
 * once, so the key is the hold's: the same capture sent again replays, another amount is a UserError.
 */
export const POST = odooRpc(OdooCapture, async (req, { params }): Promise<IapOdooCaptureResult> => {
  const service = await authenticateOdooKey(req, params.key)
  const hold = await findOdooHold(req, service, params.token)
  assertServiceCredits(service, params.credit_to_capture, { max: hold.amount, field: "credit_to_capture" })
  const { result } = await captureHoldWorkflow(req.scope).run({
    input: {
      hold_id: hold.id,
      amount: params.credit_to_capture,
      idempotency_key: `odoo-capture:${hold.id}`,
      actor_type: "iap_service",
      actor_id: service.id,
    },
  })
  return { token: hold.id, status: "captured", credit_captured: result.hold.captured_amount }
})
