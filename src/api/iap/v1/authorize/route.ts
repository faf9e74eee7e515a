import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderAuthorizeResponse } from "../../../../types/http/provider"
import { authorizeCreditsWorkflow } from "../../../../workflows/holds/authorize-credits"
import type { ProviderRequest } from "../authenticate-provider"
import { assertServiceCredits, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderAuthorizeType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/authorize `{ account_token, credits | usage, idempotency_key, ttl_seconds?, description?, sales_channel_id? }`
 * → `{ account, hold, replayed }`: reserves credits until capture, cancel or the hold's expiry.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderAuthorizeType>, res: MedusaResponse<IapProviderAuthorizeResponse>) => {
  const { account_token, sales_channel_id, credits, usage, idempotency_key, ttl_seconds, description } = req.validatedBody
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  assertServiceCredits(req.iap_service, credits)
  const { result } = await authorizeCreditsWorkflow(req.scope).run({
    input: { service: req.iap_service.technical_name, account_id: account.id, credits, usage, idempotency_key, ttl_seconds, description },
  })
  res.json({ account: toProviderAccount(result.account), hold: result.hold, replayed: result.replayed })
})
