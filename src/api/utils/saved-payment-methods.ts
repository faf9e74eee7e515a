import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { IapSavedPaymentMethodDTO } from "../../types/http/auto-recharge"

/**
 * A customer's saved payment methods at every provider where Medusa made them an account holder
 * (the ids auto-recharge takes), read from the providers themselves: the store and the admin
 * routes answer the same list.
 *
 * @example
 * const payment_methods = await listSavedPaymentMethods(req.scope, customerId)
 */
export async function listSavedPaymentMethods(scope: MedusaContainer, customerId: string): Promise<IapSavedPaymentMethodDTO[]> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["id", "account_holders.*"], filters: { id: customerId } })
  const payment = scope.resolve(Modules.PAYMENT)
  const methods: IapSavedPaymentMethodDTO[] = []
  for (const holder of ((customer as any)?.account_holders ?? []).filter(Boolean)) {
    // A provider the app no longer loads (or that keeps no saved methods) contributes none.
    const saved = await payment.listPaymentMethods({ provider_id: holder.provider_id, context: { account_holder: holder } }).catch(() => [])
    for (const m of saved) methods.push({ id: m.id, provider_id: holder.provider_id, account_holder_id: holder.id, data: m.data ?? {} })
  }
  return methods
}
