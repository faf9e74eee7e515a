import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IapAutoRechargeDeleteResponse, IapAutoRechargeResponse } from "../../types/http/auto-recharge"
import { upsertAutoRechargeWorkflow } from "../../workflows/recharge/upsert-auto-recharge"
import type { UpsertAutoRechargeType } from "./auto-recharge-validators"
import { iapService } from "./portal"

export { GetAutoRechargeParams, UpsertAutoRecharge, type UpsertAutoRechargeType } from "./auto-recharge-validators"

/** Recent attempts shown with the settings. */
const RECENT = 20

/**
 * The three handlers of `/{store,admin}/iap/accounts/:id/auto-recharge`; the routes' middlewares
 * decide who may reach the account (store: the customer's own, else 404).
 *
 * @example
 * export const GET = withIapErrors(autoRechargeHandlers.GET)
 */
export const autoRechargeHandlers = {
  async GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<IapAutoRechargeResponse>) {
    const iap = iapService(req)
    res.json({ auto_recharge: await iap.retrieveAutoRecharge(req.params.id), recharges: await iap.listAccountRecharges(req.params.id, RECENT) })
  },
  async POST(req: AuthenticatedMedusaRequest<UpsertAutoRechargeType>, res: MedusaResponse<IapAutoRechargeResponse>) {
    const iap = iapService(req)
    const { result } = await upsertAutoRechargeWorkflow(req.scope).run({ input: { account_id: req.params.id, input: req.validatedBody } })
    res.json({ auto_recharge: result, recharges: await iap.listAccountRecharges(req.params.id, RECENT) })
  },
  async DELETE(req: AuthenticatedMedusaRequest, res: MedusaResponse<IapAutoRechargeDeleteResponse>) {
    const deleted = await iapService(req).deleteAutoRecharge(req.params.id)
    res.json({ id: req.params.id, object: "iap_auto_recharge", deleted })
  },
}
