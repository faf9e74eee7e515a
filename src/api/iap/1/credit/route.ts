import { withIapErrors } from "../../../utils/iap-errors"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { parseAmount, toNumber } from "../../../../modules/iap/utils/amount"
import { iapService } from "../../../utils/portal"
import { findOdooAccount, odooCreditsUrl, odooService } from "../odoo-accounts"
import { OdooCreditQuery } from "../validators"

/**
 * GET /iap/1/credit?dbuuid=&service_name=&account_token=&credit=[&trial=]: Odoo's "Buy
 * credits" link. Redirects (302) to the storefront's credits page, the `creditsUrl` template
 * with `{service}`, `{credits}`, `{account}` (empty while unlinked), `{token}` and `{dbuuid}`,
 * so the page can link this Odoo database to the signed-in customer's account.
 */
export const GET = withIapErrors(async (req: MedusaRequest, res: MedusaResponse) => {
  const parsed = OdooCreditQuery.safeParse(req.query)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${issue.path.join(".") || "query"}: ${issue.message}`)
  }
  const query = parsed.data
  const service = await odooService(req, query.service_name)
  const account = await findOdooAccount(req, service, query.account_token, query.dbuuid)
  const credits = query.credit === undefined ? 0 : toNumber(parseAmount(query.credit, { field: "credit", allowZero: true }))
  res.redirect(
    302,
    odooCreditsUrl(iapService(req).getOptions().creditsUrl, {
      service: service.technical_name,
      credits,
      account: account?.id ?? "",
      token: query.account_token,
      dbuuid: query.dbuuid,
    })
  )
})
