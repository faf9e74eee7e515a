import type { IapServiceDTO } from "../../../../types"
import type { IapOdooAccountInformation } from "../../../../types/http/odoo"
import { iapService } from "../../../utils/portal"
import { odooRpc } from "../json-rpc"
import { findOdooAccount, odooBalance, odooCreditsUrl, odooRegistration, odooService } from "../odoo-accounts"
import { OdooAccountsInformation } from "../validators"

/**
 * POST /iap/1/get-accounts-information `{ iap_accounts: [{ token, service }], dbuuid }` → an
 * object keyed by token: `{ balance, warning_threshold, registered, link_to_service_page }`.
 * Every token asked gets an entry (an unlinked one: balance 0, "unregistered"); a service we do
 * not sell is an AccessError, like a balance call for it.
 */
export const POST = odooRpc(OdooAccountsInformation, async (req, { params }) => {
  const template = iapService(req).getOptions().creditsUrl
  const services = new Map<string, IapServiceDTO>()
  const info: Record<string, IapOdooAccountInformation> = {}
  for (const { token, service: name } of params.iap_accounts) {
    if (!services.has(name)) services.set(name, await odooService(req, name))
    const service = services.get(name)!
    const account = await findOdooAccount(req, service, token, params.dbuuid ?? null)
    info[token] = {
      balance: account ? odooBalance(account) : 0,
      warning_threshold: account?.warning_threshold ?? 0,
      registered: odooRegistration(account),
      link_to_service_page: odooCreditsUrl(template, {
        service: name,
        credits: 0,
        account: account?.id ?? "",
        token,
        dbuuid: params.dbuuid ?? "",
      }),
    }
  }
  return info
})
