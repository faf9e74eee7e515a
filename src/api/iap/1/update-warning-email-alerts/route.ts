import { MedusaError } from "@medusajs/framework/utils"
import type { IapOdooWarningResult } from "../../../../types/http/odoo"
import { updateIapAccountWorkflow } from "../../../../workflows/accounts/update-iap-account"
import { odooRpc } from "../json-rpc"
import { findOdooAccount } from "../odoo-accounts"
import { OdooWarningAlerts } from "../validators"

/**
 * POST /iap/1/update-warning-email-alerts `{ account_token, warning_threshold, warning_emails: [{ email, lang_code }] }`
 * → `{ warning_threshold, warning_emails }`: the account's low-balance alert, as the Odoo
 * database's settings say (a new threshold re-arms it). Odoo sends no service name: the token
 * alone names the account. An unlinked token is an AccessError (Odoo logs it and keeps its
 * settings); `lang_code` is not kept (our emails use the store's template).
 */
export const POST = odooRpc(OdooWarningAlerts, async (req, { params }): Promise<IapOdooWarningResult> => {
  const account = await findOdooAccount(req, null, params.account_token, null)
  if (!account) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, "Unknown account token: link this Odoo database to an account in the store first")
  }
  const { result } = await updateIapAccountWorkflow(req.scope).run({
    input: {
      id: account.id,
      update: { warning_threshold: params.warning_threshold, warning_emails: params.warning_emails.map((e) => e.email) },
    },
  })
  return { warning_threshold: result.warning_threshold ?? 0, warning_emails: result.warning_emails }
})
