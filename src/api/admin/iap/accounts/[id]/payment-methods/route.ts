import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { IapSavedPaymentMethodsResponse } from "../../../../../../types/http/auto-recharge"
import { withIapErrors } from "../../../../../utils/iap-errors"
import { iapService } from "../../../../../utils/portal"
import { listSavedPaymentMethods } from "../../../../../utils/saved-payment-methods"

/**
 * GET /admin/iap/accounts/:id/payment-methods → `{ payment_methods }`: the saved payment methods
 * of the account's customer (as `/store/iap/payment-methods` lists them to that customer), to set
 * up auto-recharge from the dashboard. A store account has no customer to pay: 400, as saving
 * auto-recharge for it would be.
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<IapSavedPaymentMethodsResponse>) => {
  const account = await iapService(req).retrieveAccount(req.params.id)
  if (!account.customer_id) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Account ${account.id} is the store's own: saved payment methods (and auto-recharge) belong to a customer's account`
    )
  }
  res.json({ payment_methods: await listSavedPaymentMethods(req.scope, account.customer_id) })
})
