import { odooRpc } from "../json-rpc"
import { findOdooAccount, odooBalance, odooService } from "../odoo-accounts"
import { OdooBalance } from "../validators"

/**
 * POST /iap/1/balance `{ dbuuid, account_token, service_name }` → the balance (a number): the
 * credits not held by a pending authorization; 0 while the token is not linked.
 */
export const POST = odooRpc(OdooBalance, async (req, { params }) => {
  const service = await odooService(req, params.service_name)
  const account = await findOdooAccount(req, service, params.account_token, params.dbuuid ?? null)
  return account ? odooBalance(account) : 0
})
