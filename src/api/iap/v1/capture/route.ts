import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderCaptureResponse } from "../../../../types/http/provider"
import { captureHoldWorkflow } from "../../../../workflows/holds/capture-hold"
import type { ProviderRequest } from "../authenticate-provider"
import { assertServiceCredits, findProviderHold, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderCaptureType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/capture `{ account_token, hold_id, credits? | usage?, idempotency_key, description?, sales_channel_id? }`
 * → `{ account, hold, transaction, replayed }`: debits `credits` (≤ authorized, default all)
 * and releases the rest. After a cancel or expiry → 409 `hold_not_pending`.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderCaptureType>, res: MedusaResponse<IapProviderCaptureResponse>) => {
  const { account_token, sales_channel_id, hold_id, credits, usage, idempotency_key, description } = req.validatedBody
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  const hold = await findProviderHold(req, account.id, hold_id)
  assertServiceCredits(req.iap_service, credits, { max: hold.amount })
  const { result } = await captureHoldWorkflow(req.scope).run({
    input: { hold_id, amount: credits, usage, idempotency_key, description, actor_type: "iap_service", actor_id: req.iap_service.id },
  })
  res.json({ account: toProviderAccount(result.account), hold: result.hold, transaction: result.transaction, replayed: result.replayed })
})
