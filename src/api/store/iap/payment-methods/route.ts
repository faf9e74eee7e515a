import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IapSavedPaymentMethodsResponse } from "../../../../types/http/auto-recharge"
import { withIapErrors } from "../../../utils/iap-errors"
import { listSavedPaymentMethods } from "../../../utils/saved-payment-methods"

/**
 * GET /store/iap/payment-methods → `{ payment_methods }`: the signed-in customer's saved payment
 * methods at every provider where Medusa made them an account holder (the ids auto-recharge takes).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<IapSavedPaymentMethodsResponse>) => {
  res.json({ payment_methods: await listSavedPaymentMethods(req.scope, req.auth_context.actor_id) })
})
