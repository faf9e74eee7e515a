import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { AutoRechargeInput, UpsertAutoRechargeData } from "../../../types/auto-recharge"
import { iapModule } from "../../common/steps/utils"

export const validateAutoRechargeStepId = "iap-validate-auto-recharge"

const invalid = (message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, message)

/**
 * Checks auto-recharge settings against the store and turns them into what the module stores:
 * the account is a customer's; `variant_id` sells a pack of the account's service; the region
 * exists and offers `provider_id`; `payment_method_id` is a saved method of THIS customer's
 * account holder at that provider (else 404, as for anything of another customer); and an
 * order in the chosen sales channel would credit this very account.
 *
 * @example
 * const data = validateAutoRechargeStep({ account_id, input: { variant_id, trigger: 10, region_id, provider_id, payment_method_id } })
 */
export const validateAutoRechargeStep = createStep(
  validateAutoRechargeStepId,
  async ({ account_id, input }: { account_id: string; input: AutoRechargeInput }, { container }) => {
    const iap = iapModule(container)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const account = await iap.retrieveAccount(account_id)
    if (!account.customer_id) throw invalid("Auto-recharge needs a customer's account: the store's own accounts have no saved payment method")

    const { data: [variant] } = await query.graph({
      entity: "product_variant",
      fields: ["id", "iap_credit_pack.id", "iap_credit_pack.service.id"],
      filters: { id: input.variant_id },
    })
    const pack = (variant as any)?.iap_credit_pack
    if (!pack || pack.service?.id !== account.service_id) {
      throw invalid(`variant_id: ${input.variant_id} is not a credit pack of service ${account.service}`)
    }

    const { data: [region] } = await query.graph({ entity: "region", fields: ["id", "currency_code", "payment_providers.id"], filters: { id: input.region_id } })
    if (!region) throw invalid(`region_id: region ${input.region_id} was not found`)
    if (!(region as any).payment_providers?.some((p: any) => p.id === input.provider_id)) {
      throw invalid(`provider_id: ${input.provider_id} is not a payment provider of region ${input.region_id}`)
    }

    const holder = await accountHolderOf(container, account.customer_id, input.provider_id)
    const methods = holder
      ? await container.resolve(Modules.PAYMENT).listPaymentMethods({ provider_id: input.provider_id, context: { account_holder: holder } })
      : []
    if (!methods.some((m) => m.id === input.payment_method_id)) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `payment_method_id: saved payment method ${input.payment_method_id} was not found`)
    }

    const salesChannelId = account.sales_channel_ids[0] ?? (await defaultSalesChannel(container))
    const resolved = await iap.findResolvedAccount({ service_id: account.service_id, customer_id: account.customer_id, sales_channel_id: salesChannelId })
    if (resolved?.id !== account.id) {
      throw invalid(`An order in sales channel ${salesChannelId} would credit another account of this customer, not ${account.id}`)
    }

    const data: UpsertAutoRechargeData = {
      enabled: input.enabled ?? true,
      pack_id: pack.id,
      variant_id: input.variant_id,
      quantity: input.quantity ?? 1,
      trigger: input.trigger,
      monthly_count_cap: input.monthly_count_cap ?? null,
      monthly_amount_cap: input.monthly_amount_cap ?? null,
      region_id: region.id,
      currency_code: (region as any).currency_code,
      sales_channel_id: salesChannelId,
      provider_id: input.provider_id,
      account_holder_id: holder!.id,
      payment_method_id: input.payment_method_id,
    }
    return new StepResponse(data)
  }
)

/** The customer's account holder at a payment provider (Medusa links them on a first payment session). */
async function accountHolderOf(container: any, customerId: string, providerId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["id", "account_holders.*"], filters: { id: customerId } })
  return ((customer as any)?.account_holders ?? []).find((h: any) => h?.provider_id === providerId) ?? null
}

async function defaultSalesChannel(container: any): Promise<string | null> {
  const [store] = await container.resolve(Modules.STORE).listStores({}, { select: ["id", "default_sales_channel_id"], take: 1 })
  return store?.default_sales_channel_id ?? null
}
