import type { MedusaResponse } from "@medusajs/framework/http"
import type { AuthorizeCreditsResult } from "../../../../types"
import type { IapProviderAuthorizeResponse } from "../../../../types/http/provider"
import { authorizeCreditsAddressed, authorizeCreditsDirect } from "../../../../workflows/holds/hold-direct"
import { addressedCall, type ProviderRequest } from "../authenticate-provider"
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
  const answer = (r: AuthorizeCreditsResult) => res.json({ account: toProviderAccount(r.account), hold: r.hold, replayed: r.replayed })
  const early = await addressedCall(req, res, (a) => asCreditsField(authorizeCreditsAddressed(req.scope, { ...authorize, account_id: a.account_id }, a)))
  if (early) return void answer(early)
  if (res.headersSent) return
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  answer(await asCreditsField(authorizeCreditsDirect(req.scope, { ...authorize, account_id: account.id })))
})
