import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderCancelResponse } from "../../../../types/http/provider"
import { cancelHoldWorkflow } from "../../../../workflows/holds/cancel-hold"
import type { ProviderRequest } from "../authenticate-provider"
import { findProviderHold, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderCancelType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/cancel `{ account_token, hold_id, idempotency_key, sales_channel_id? }`
 * → `{ account, hold, replayed }`: releases the whole hold. After a capture → 409 `hold_not_pending`.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderCancelType>, res: MedusaResponse<IapProviderCancelResponse>) => {
  const { account_token, sales_channel_id, hold_id, idempotency_key } = req.validatedBody
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  await findProviderHold(req, account.id, hold_id)
  const { result } = await cancelHoldWorkflow(req.scope).run({ input: { hold_id, idempotency_key } })
  res.json({ account: toProviderAccount(result.account), hold: result.hold, replayed: result.replayed })
})
