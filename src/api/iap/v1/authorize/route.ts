import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderAuthorizeResponse } from "../../../../types/http/provider"
import { authorizeCreditsAddressed, authorizeCreditsDirect } from "../../../../workflows/holds/hold-direct"
import { authenticate, forgetAddress, type ProviderRequest } from "../authenticate-provider"
import { asCreditsField, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderAuthorizeType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/authorize `{ account_token, credits | usage, idempotency_key, ttl_seconds?, description?, sales_channel_id? }`
 * → `{ account, hold, replayed }`: reserves credits until capture, cancel or the hold's expiry.
 * Like the charge route, it calls `authorizeCreditsDirect` (the workflow's module call and
 * events without the engine: the provider hot path, see its comment), and with
 * `req.iap_address` first the authorization's one statement with the key and token checked in it.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderAuthorizeType>, res: MedusaResponse<IapProviderAuthorizeResponse>) => {
  const { account_token, sales_channel_id, credits, usage, idempotency_key, ttl_seconds, description } = req.validatedBody
  const authorize = { amount: credits, usage, idempotency_key, ttl_seconds, description }
  const address = req.iap_address
  if (address) {
    const early = await asCreditsField(authorizeCreditsAddressed(req.scope, { ...authorize, account_id: address.account_id }, address))
    if (early) return void res.json({ account: toProviderAccount(early.account), hold: early.hold, replayed: early.replayed })
    forgetAddress(address)
    if (!(await authenticate(req, res))) return
  }
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  const result = await asCreditsField(authorizeCreditsDirect(req.scope, { ...authorize, account_id: account.id }))
  res.json({ account: toProviderAccount(result.account), hold: result.hold, replayed: result.replayed })
})
