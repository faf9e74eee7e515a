import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderCaptureResponse } from "../../../../types/http/provider"
import { captureHoldAddressed, captureHoldDirect } from "../../../../workflows/holds/hold-direct"
import { authenticate, forgetAddress, type ProviderRequest } from "../authenticate-provider"
import { asCreditsField, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderCaptureType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/capture `{ account_token, hold_id, credits? | usage?, idempotency_key, description?, sales_channel_id? }`
 * → `{ account, hold, transaction, replayed }`: debits `credits` (≤ authorized, default all)
 * and releases the rest. After a cancel or expiry → 409 `hold_not_pending`. The module checks
 * that the hold is the account's (404 like a missing hold) and the amount; `captureHoldDirect`
 * is the workflow's module call and events without the engine (see its comment). With
 * `req.iap_address`, first the capture's one statement with the key and token checked in it.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderCaptureType>, res: MedusaResponse<IapProviderCaptureResponse>) => {
  const { account_token, sales_channel_id, hold_id, credits, usage, idempotency_key, description } = req.validatedBody
  const capture = { hold_id, amount: credits, usage, idempotency_key, description, actor_type: "iap_service" }
  const address = req.iap_address
  if (address) {
    const early = await asCreditsField(captureHoldAddressed(req.scope, { ...capture, account_id: address.account_id, actor_id: address.service_id }, address))
    if (early) return void res.json({ account: toProviderAccount(early.account), hold: early.hold, transaction: early.transaction, replayed: early.replayed })
    forgetAddress(address)
    if (!(await authenticate(req, res))) return
  }
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  const result = await asCreditsField(captureHoldDirect(req.scope, { ...capture, account_id: account.id, actor_id: req.iap_service.id }))
  res.json({ account: toProviderAccount(result.account), hold: result.hold, transaction: result.transaction, replayed: result.replayed })
})
