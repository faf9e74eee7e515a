import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderBalanceResponse } from "../../../../types/http/provider"
import type { ProviderRequest } from "../authenticate-provider"
import { findProviderAccount, toProviderAccount } from "../provider-account"
import type { ProviderBalanceType } from "../validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * POST /iap/v1/balance `{ account_token, sales_channel_id? }` → `{ account }` (O(1) read).
 * The token travels in the body, never in a URL that proxies would log.
 */
export const POST = withIapErrors(async (req: ProviderRequest<ProviderBalanceType>, res: MedusaResponse<IapProviderBalanceResponse>) => {
  const { account_token, sales_channel_id } = req.validatedBody
  const account = await findProviderAccount(req, account_token, sales_channel_id)
  res.json({ account: toProviderAccount(account) })
})
