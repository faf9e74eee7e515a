import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IapSavedPaymentMethodsResponse } from "../../../../types/http/auto-recharge"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * GET /store/iap/payment-methods → `{ payment_methods }`: the signed-in customer's saved payment
 * methods at every provider where Medusa made them an account holder (the ids auto-recharge takes).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<IapSavedPaymentMethodsResponse>) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["id", "account_holders.*"], filters: { id: req.auth_context.actor_id } })
  const payment = req.scope.resolve(Modules.PAYMENT)
  const payment_methods: IapSavedPaymentMethodsResponse["payment_methods"] = []
  for (const holder of ((customer as any)?.account_holders ?? []).filter(Boolean)) {
    // A provider the app no longer loads (or that keeps no saved methods) contributes none.
    const methods = await payment.listPaymentMethods({ provider_id: holder.provider_id, context: { account_holder: holder } }).catch(() => [])
    for (const m of methods) payment_methods.push({ id: m.id, provider_id: holder.provider_id, account_holder_id: holder.id, data: m.data ?? {} })
  }
  res.json({ payment_methods })
})
