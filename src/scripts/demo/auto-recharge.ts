import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import { upsertAutoRechargeWorkflow } from "../../workflows/recharge/upsert-auto-recharge"

/** The test card provider the demo config registers (integration-tests/fixtures, never shipped). */
export const DEMO_CARD_PROVIDER = "pp_iaptest_card"

/**
 * Auto-recharge for the demo customer's SMS account: the region also takes the test card
 * provider, the customer gets an account holder there (`cus_<id>`, as a first card payment would
 * make) and auto-recharge buys 100 SMS with the card captured at once (`pm_instant_…`) when
 * fewer than `trigger` are available, at most 3 times a month. Send demo SMS until it fires.
 * Skipped (with a log line) when the app has no test card provider.
 *
 * @example
 * await ensureDemoAutoRecharge(container, { customerId, accountId, regionId })
 */
export async function ensureDemoAutoRecharge(
  container: MedusaContainer,
  input: { customerId: string; accountId: string; regionId: string; trigger?: number }
): Promise<void> {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const payment = container.resolve(Modules.PAYMENT)
  const [provider] = await payment.listPaymentProviders({ id: [DEMO_CARD_PROVIDER] })
  if (!provider) {
    logger.info(`demo seed: no ${DEMO_CARD_PROVIDER} provider, auto-recharge not set up`)
    return
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [region] } = await query.graph({ entity: "region", fields: ["id", "payment_providers.id"], filters: { id: input.regionId } })
  const providers: string[] = ((region as any)?.payment_providers ?? []).map((p: any) => p.id)
  if (!providers.includes(DEMO_CARD_PROVIDER)) {
    await updateRegionsWorkflow(container).run({ input: { selector: { id: input.regionId }, update: { payment_providers: [...providers, DEMO_CARD_PROVIDER] } } })
  }

  const { data: [customer] } = await query.graph({ entity: "customer", fields: ["id", "email", "account_holders.*"], filters: { id: input.customerId } })
  let holder = ((customer as any).account_holders ?? []).find((h: any) => h?.provider_id === DEMO_CARD_PROVIDER)
  if (!holder) {
    holder = await payment.createAccountHolder({ provider_id: DEMO_CARD_PROVIDER, context: { customer: { id: customer.id, email: (customer as any).email } } })
    await container.resolve(ContainerRegistrationKeys.LINK).create({
      [Modules.CUSTOMER]: { customer_id: customer.id },
      [Modules.PAYMENT]: { account_holder_id: holder.id },
    })
  }

  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  if (await iap.retrieveAutoRecharge(input.accountId)) return
  const account = await iap.retrieveAccount(input.accountId)
  const { data: packs } = await query.graph({ entity: "iap_credit_pack", fields: ["id", "credits", "service.id", "product_variant.id"] })
  const pack = (packs as any[]).filter((p) => p.service?.id === account.service_id && p.product_variant).sort((a, b) => Number(a.credits) - Number(b.credits))[0]
  if (!pack) return
  try {
    await upsertAutoRechargeWorkflow(container).run({
      input: {
        account_id: input.accountId,
        input: {
          variant_id: pack.product_variant.id, trigger: input.trigger ?? 30, monthly_count_cap: 3, region_id: input.regionId,
          provider_id: DEMO_CARD_PROVIDER, payment_method_id: `pm_instant_${holder.external_id ?? holder.data?.id}`,
        },
      },
    })
    logger.info(`demo seed: auto-recharge on for ${input.accountId} (below ${input.trigger ?? 30}: buy ${pack.credits} with the demo card)`)
  } catch (e) {
    logger.warn(`demo seed: auto-recharge not set up: ${(e as Error).message}`)
  }
}
