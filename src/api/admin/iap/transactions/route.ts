import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapTransactionListResponse } from "../../../../types/http"
import { iapService } from "../../../utils/portal"
import { toTransactionFilters } from "./filters"
import type { AdminGetIapTransactionsParamsType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

/** GET /admin/iap/transactions: the ledger, newest first, filtered and paginated. */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminGetIapTransactionsParamsType>, res: MedusaResponse<AdminIapTransactionListResponse>) => {
  const params = req.validatedQuery as AdminGetIapTransactionsParamsType
  const page = await iapService(req).listPortalTransactions(toTransactionFilters(params), {
    limit: req.queryConfig.pagination.take!,
    offset: req.queryConfig.pagination.skip!,
    order: params.order,
  })
  res.json({ transactions: page.data, count: page.count, limit: page.limit, offset: page.offset })
})
