import type { MedusaResponse } from "@medusajs/framework/http"
import { IAP_MODULE } from "../../../../modules/iap"
import type IapModuleService from "../../../../modules/iap/service"
import type { IapProviderEstimateResponse } from "../../../../types/http/provider"
import type { ProviderRequest } from "../authenticate-provider"
import { findProviderAccount } from "../provider-account"
import type { ProviderEstimateType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/estimate `{ account_token, usage, sales_channel_id? }` → `{ estimate }`: what a
 * charge of this usage would debit now (the rate card in effect, the account's tiers this month),
 * with the rate and the tier breakdown. Writes nothing. No rate → 400 `rate_not_found`.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderEstimateType>, res: MedusaResponse<IapProviderEstimateResponse>) => {
  const { account_token, sales_channel_id, usage } = req.validatedBody
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  const estimate = await req.scope
    .resolve<IapModuleService>(IAP_MODULE)
    .price({ service_id: req.iap_service.id, account_id: account.id, usage })
  res.json({ estimate })
})
