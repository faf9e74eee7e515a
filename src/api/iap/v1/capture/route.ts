import type { MedusaResponse } from "@medusajs/framework/http"
import type { CaptureHoldResult } from "../../../../types"
import type { IapProviderCaptureResponse } from "../../../../types/http/provider"
import { captureHoldAddressed, captureHoldDirect } from "../../../../workflows/holds/hold-direct"
import { addressedCall, type ProviderRequest } from "../authenticate-provider"
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
  const answer = (r: CaptureHoldResult) =>
    res.json({ account: toProviderAccount(r.account), hold: r.hold, transaction: r.transaction, replayed: r.replayed })
  const early = await addressedCall(req, res, (a) =>
    asCreditsField(captureHoldAddressed(req.scope, { ...capture, account_id: a.account_id, actor_id: a.service_id }, a))
  )
  if (early) return void answer(early)
  if (res.headersSent) return
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  answer(await asCreditsField(captureHoldDirect(req.scope, { ...capture, account_id: account.id, actor_id: req.iap_service.id })))
})
