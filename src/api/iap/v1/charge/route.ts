import type { MedusaResponse } from "@medusajs/framework/http"
import type { DebitCreditsResult } from "../../../../types"
import type { IapProviderChargeResponse } from "../../../../types/http/provider"
import { chargeCreditsAddressed, chargeCreditsDirect } from "../../../../workflows/credits/charge-credits-direct"
import { addressedCall, type ProviderRequest } from "../authenticate-provider"
import { asCreditsField, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderChargeType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/charge `{ account_token, credits | usage, idempotency_key, description?, sales_channel_id? }`
 * → `{ account, transaction, replayed }`: debits in one call (authorize + capture at once).
 * `chargeCreditsDirect`, not the workflow: same debit and events, less CPU (bench/scenarios/http.js).
 * With `req.iap_address` the debit's one statement also checks the key and token; if it declines,
 * the request is authenticated and charged the usual way.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderChargeType>, res: MedusaResponse<IapProviderChargeResponse>) => {
  const { account_token, sales_channel_id, credits, usage, idempotency_key, description } = req.validatedBody
  const charge = { amount: credits, usage, idempotency_key, description, actor_type: "iap_service" }
  const answer = (r: DebitCreditsResult) => res.json({ account: toProviderAccount(r.account), transaction: r.transaction, replayed: r.replayed })
  const early = await addressedCall(req, res, (a) =>
    asCreditsField(chargeCreditsAddressed(req.scope, { ...charge, account_id: a.account_id, actor_id: a.service_id }, a))
  )
  if (early) return void answer(early)
  if (res.headersSent) return
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  answer(await asCreditsField(chargeCreditsDirect(req.scope, { ...charge, account_id: account.id, actor_id: req.iap_service.id })))
})
