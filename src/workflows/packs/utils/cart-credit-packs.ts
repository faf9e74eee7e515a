import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { iapModule } from "../../common/steps/utils"

export const GUEST_PACK_MESSAGE =
  "Credit packs can only be bought by a registered customer who is signed in: sign in (or create an account) and complete the checkout again."

type CartLike = {
  customer_id?: string | null
  sales_channel_id?: string | null
  customer?: { has_account?: boolean | null } | null
  items?: ({ variant_id?: string | null } | null)[] | null
}

/**
 * Rule 8 (docs/rules.md) at checkout: a cart holding credit packs must belong to a registered customer,
 * every pack's service must be active, and the account that would receive the credits
 * (docs/rules.md rule 1, looked up without creating one) must not be suspended. Throws a 400 MedusaError
 * naming the problem; does nothing for a cart without packs.
 *
 * @example
 * await assertCartCanBuyCreditPacks(container, cart) // in a `completeCartWorkflow` validate hook
 */
export async function assertCartCanBuyCreditPacks(container: MedusaContainer, cart: CartLike): Promise<void> {
  const variantIds = [...new Set((cart.items ?? []).map((i: any) => i?.variant_id).filter(Boolean))] as string[]
  if (!variantIds.length) return
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id", "iap_credit_pack.id", "iap_credit_pack.service.id", "iap_credit_pack.service.technical_name", "iap_credit_pack.service.status"],
    filters: { id: variantIds },
  })
  const services = new Map<string, { id: string; technical_name: string; status: string }>()
  for (const v of variants as any[]) if (v.iap_credit_pack?.service) services.set(v.iap_credit_pack.service.id, v.iap_credit_pack.service)
  if (!services.size) return

  const customer = cart.customer
  if (!cart.customer_id || !customer?.has_account) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, GUEST_PACK_MESSAGE)
  }
  const iap = iapModule(container)
  for (const service of services.values()) {
    if (service.status !== "active") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `The credits of service ${service.technical_name} are no longer sold: remove its credit pack from the cart.`
      )
    }
    const account = await iap.findResolvedAccount({
      service_id: service.id,
      customer_id: cart.customer_id,
      sales_channel_id: cart.sales_channel_id ?? null,
    })
    if (account && account.state !== "active") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Your ${service.technical_name} credit account is ${account.state}: its credit packs cannot be bought. Please contact the store.`
      )
    }
  }
}
