import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderChargeResponse } from "../../../../types/http/provider"
import { chargeCreditsDirect } from "../../../../workflows/credits/charge-credits-direct"
import type { ProviderRequest } from "../authenticate-provider"
import { asCreditsField, findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderChargeType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/charge `{ account_token, credits | usage, idempotency_key, description?, sales_channel_id? }`
 * → `{ account, transaction, replayed }`: debits in one call (authorize + capture at once).
 * `chargeCreditsDirect`, not the workflow: same debit and events, less CPU (bench/scenarios/http.js).
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderChargeType>, res: MedusaResponse<IapProviderChargeResponse>) => {
  const { account_token, sales_channel_id, credits, usage, idempotency_key, description } = req.validatedBody
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  const result = await asCreditsField(
    chargeCreditsDirect(req.scope, {
      account_id: account.id,
      amount: credits,
      usage,
      idempotency_key,
      description,
      actor_type: "iap_service",
      actor_id: req.iap_service.id,
    })
  )
  res.json({ account: toProviderAccount(result.account), transaction: result.transaction, replayed: result.replayed })
})
