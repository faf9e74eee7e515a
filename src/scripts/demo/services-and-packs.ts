import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { linkProductsToSalesChannelWorkflow, updateProductsWorkflow } from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../modules/iap"
import type IapModuleService from "../../modules/iap/service"
import type { CreateIapServiceInput } from "../../types"
import { createCreditPackProductWorkflow } from "../../workflows/packs/create-credit-pack-product"
import { offerDigitalDeliveryWorkflow } from "../../workflows/packs/offer-digital-delivery"
import { DEMO_SMS_SERVICE } from "./sms-service"

type DemoPack = { credits: number; eur: number; usd: number }

/** Odoo's four IAP services, each sold as one product with three packs (prices in EUR and USD). */
export const DEMO_SERVICES: { service: CreateIapServiceInput; product: string; packs: DemoPack[] }[] = [
  {
    service: DEMO_SMS_SERVICE,
    product: "SMS credits",
    packs: [{ credits: 100, eur: 9, usd: 10 }, { credits: 500, eur: 40, usd: 45 }, { credits: 1000, eur: 75, usd: 85 }],
  },
  {
    service: { technical_name: "snailmail", name: "Postal mail", description: "Letters printed and posted for you", unit_name: "letters", integer_credits: true, trial_credits: 2 },
    product: "Postal mail credits",
    packs: [{ credits: 10, eur: 15, usd: 17 }, { credits: 50, eur: 70, usd: 79 }, { credits: 100, eur: 130, usd: 147 }],
  },
  {
    // Third-party: the demo storefront's lead-reveal provider charges it over the provider API.
    service: { technical_name: "reveal", name: "Lead generation", description: "Company data for your website visitors", unit_name: "credits", integer_credits: true, trial_credits: 5, provider_type: "third_party" as const },
    product: "Lead generation credits",
    packs: [{ credits: 100, eur: 50, usd: 56 }, { credits: 500, eur: 225, usd: 250 }, { credits: 1000, eur: 400, usd: 450 }],
  },
  {
    service: { technical_name: "partner_autocomplete", name: "Partner autocomplete", description: "Company details completed from a name or VAT number", unit_name: "credits", integer_credits: true, trial_credits: 50 },
    product: "Partner autocomplete credits",
    packs: [{ credits: 500, eur: 10, usd: 11 }, { credits: 2000, eur: 35, usd: 39 }, { credits: 5000, eur: 80, usd: 90 }],
  },
]

/**
 * The handle of a demo service's pack product.
 *
 * @example
 * packProductHandle("partner_autocomplete") // "iap-partner-autocomplete-credits"
 */
export const packProductHandle = (technicalName: string) => `iap-${technicalName.replace(/_/g, "-")}-credits`

/**
 * Creates the demo IAP services and their credit-pack products (one variant per pack, EUR and
 * USD prices) in every given sales channel, delivered by the free "Instant delivery" offered in
 * every region. Idempotent: services are matched by technical name and products by handle; a
 * second run only links a product to a channel it misses and gives a pack product made before
 * "Instant delivery" was offered its shipping profile.
 *
 * @example
 * await ensureServicesAndPacks(container, [webshop.id, b2b.id])
 */
export async function ensureServicesAndPacks(container: MedusaContainer, salesChannelIds: string[]) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const iap = container.resolve<IapModuleService>(IAP_MODULE)
  const out: { service: string; service_id: string; product_id: string; key: string | null }[] = []
  const { result: delivery } = await offerDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids: salesChannelIds } })
  for (const demo of DEMO_SERVICES) {
    const name = demo.service.technical_name
    let service = await iap.retrieveServiceByName(name).catch((e) => {
      if (e?.type === MedusaError.Types.NOT_FOUND) return null
      throw e
    })
    let key: string | null = null
    if (!service) ({ service, key } = await iap.createService(demo.service))
    // A key is shown only when made: a reused third-party service gets a new one for this run.
    else if (service.provider_type === "third_party") key = (await iap.rotateServiceKey(service.id)).key
    const handle = packProductHandle(name)
    const { data: [existing] } = await query.graph({ entity: "product", fields: ["id", "sales_channels.id", "shipping_profile.id"], filters: { handle } })
    let productId = existing?.id as string | undefined
    if (!productId) {
      const { result } = await createCreditPackProductWorkflow(container).run({
        input: {
          service_id: service.id,
          title: demo.product,
          handle,
          description: service.description ?? undefined,
          sales_channel_ids: salesChannelIds,
          packs: demo.packs.map((p) => ({
            credits: p.credits,
            prices: [{ currency_code: "eur", amount: p.eur }, { currency_code: "usd", amount: p.usd }],
          })),
        },
      })
      productId = result.product_id
    } else {
      const linked = new Set((existing.sales_channels ?? []).map((c: { id: string } | null) => c?.id))
      for (const id of salesChannelIds.filter((id) => !linked.has(id))) {
        await linkProductsToSalesChannelWorkflow(container).run({ input: { id, add: [productId] } })
      }
      if (delivery && !(existing as any).shipping_profile?.id) {
        await updateProductsWorkflow(container).run({ input: { selector: { id: productId }, update: { shipping_profile_id: delivery.shipping_profile_id } } })
      }
    }
    logger.info(`demo seed: IAP service ${name} and "${demo.product}" ${existing ? "reused" : "created"} (${productId})`)
    out.push({ service: name, service_id: service.id, product_id: productId, key })
  }
  return out
}
