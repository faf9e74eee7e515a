import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import type { IapAutoRechargeDeleteResponse, IapAutoRechargeResponse } from "../../types/http/auto-recharge"
import { upsertAutoRechargeWorkflow } from "../../workflows/recharge/upsert-auto-recharge"
import { amountField } from "./portal-validators"
import { iapService } from "./portal"

const id = (field: string) => z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`).max(255)
const cap = z.number().int().positive().max(1000)

/** Auto-recharge settings as the store and admin API take them (docs/auto-recharge.md). */
export const UpsertAutoRecharge = z
  .object({
    enabled: z.boolean().optional(),
    variant_id: id("variant_id"),
    quantity: z.number().int().positive().max(1000).optional(),
    trigger: amountField("trigger"),
    monthly_count_cap: cap.nullish(),
    monthly_amount_cap: amountField("monthly_amount_cap").nullish(),
    region_id: id("region_id"),
    provider_id: id("provider_id"),
    payment_method_id: id("payment_method_id"),
  })
  .strict()
export type UpsertAutoRechargeType = z.infer<typeof UpsertAutoRecharge>

export const GetAutoRechargeParams = z.object({}).strict()

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
