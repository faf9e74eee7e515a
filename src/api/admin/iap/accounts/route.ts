import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapAccountListResponse, AdminIapCreateAccountResponse } from "../../../../types/http"
import { createIapAccountWorkflow } from "../../../../workflows/accounts/create-iap-account"
import type { AdminCreateIapAccountType, AdminGetIapAccountsParamsType } from "./validators"
import { iapService,  } from "../../../utils/portal"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * GET /admin/iap/accounts: accounts with balances, customer and restriction, filtered by
 * service, customer, sales channel, state, balance range and customer email (`q`).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminGetIapAccountsParamsType>, res: MedusaResponse<AdminIapAccountListResponse>) => {
  const { limit, offset, order, ...filters } = req.validatedQuery as AdminGetIapAccountsParamsType
  const page = await iapService(req).listPortalAccounts(filters, {
    limit: req.queryConfig.pagination.take!,
    offset: req.queryConfig.pagination.skip!,
    order,
  })
  res.json({ accounts: page.data, count: page.count, limit: page.limit, offset: page.offset })
})

/** POST /admin/iap/accounts: an account for a customer (or the store); its `token` is shown this once. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminCreateIapAccountType>, res: MedusaResponse<AdminIapCreateAccountResponse>) => {
  const { result } = await createIapAccountWorkflow(req.scope).run({ input: req.validatedBody })
  const account = await iapService(req).retrievePortalAccount(result.account.id)
  res.status(201).json({ account, token: result.token })
})
