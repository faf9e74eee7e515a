import { withIapErrors } from "../../../utils/iap-errors"
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IapOdooTokenListResponse } from "../../../../types/http/odoo"
import { iapService } from "../../../utils/portal"
import type { AdminGetOdooTokensParamsType } from "./validators"

/**
 * GET /admin/iap/odoo-tokens: Odoo databases' tokens linked to accounts, newest first;
 * `account_id`, `customer_id`, `service`, `dbuuid`, `revoked` (true | false).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminGetOdooTokensParamsType>, res: MedusaResponse<IapOdooTokenListResponse>) => {
  const { limit: _l, offset: _o, ...filters } = req.validatedQuery as AdminGetOdooTokensParamsType
  const page = await iapService(req).listOdooTokens(filters, {
    limit: req.queryConfig.pagination.take!,
    offset: req.queryConfig.pagination.skip!,
  })
  res.json({ odoo_tokens: page.data, count: page.count, limit: page.limit, offset: page.offset })
})
