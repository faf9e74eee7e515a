import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreIapTransactionListResponse } from "../../../../../../types/http"
import { toTransactionFilters } from "../../../../../admin/iap/transactions/filters"
import { iapService } from "../../../../../utils/portal"
import { toStoreTransaction } from "../../serializers"
import type { StoreGetIapTransactionsParamsType } from "../../validators"
import { withIapErrors } from "../../../../../utils/iap-errors"

/** GET /store/iap/accounts/:id/transactions: the account's ledger, newest first. */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, StoreGetIapTransactionsParamsType>, res: MedusaResponse<StoreIapTransactionListResponse>) => {
  const params = req.validatedQuery as StoreGetIapTransactionsParamsType
  const page = await iapService(req).listPortalTransactions(
    { ...toTransactionFilters(params), account_id: [req.params.id] },
    { limit: req.queryConfig.pagination.take!, offset: req.queryConfig.pagination.skip!, order: params.order }
  )
  res.json({ transactions: page.data.map(toStoreTransaction), count: page.count, limit: page.limit, offset: page.offset })
})
