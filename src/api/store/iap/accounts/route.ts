import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreIapAccountListResponse } from "../../../../types/http"
import { iapService, storeScope, toStoreAccount } from "../../../utils/portal"
import type { StoreGetIapAccountsParamsType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * GET /store/iap/accounts: the signed-in customer's accounts usable in this store's sales
 * channels, with balances and a `credits_url` to recharge.
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, StoreGetIapAccountsParamsType>, res: MedusaResponse<StoreIapAccountListResponse>) => {
  const { limit, offset, ...filters } = req.validatedQuery as StoreGetIapAccountsParamsType
  const iap = iapService(req)
  const page = await iap.listPortalAccounts(
    { ...filters, ...storeScope(req) },
    { limit: req.queryConfig.pagination.take!, offset: req.queryConfig.pagination.skip! }
  )
  const template = iap.getOptions().creditsUrl
  res.json({ accounts: page.data.map((a) => toStoreAccount(a, template)), count: page.count, limit: page.limit, offset: page.offset })
})
