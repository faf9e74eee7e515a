import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, QueryContext } from "@medusajs/framework/utils"
import PackVariantLink from "../../../../links/iap-pack-product-variant"
import type { StoreListCreditPacksType } from "./validators"

/**
 * The pricing context of a store request: the region (and its currency) or a currency, plus
 * the signed-in customer's groups (their price lists). Null when no price was asked for.
 *
 * @example
 * await storePricingContext(req.scope, { region_id: "reg_1" }, "cus_1") // { region_id, currency_code: "eur", customer: { groups: [...] } }
 */
export async function storePricingContext(scope: MedusaContainer, q: StoreListCreditPacksType, customerId?: string) {
  if (!q.region_id && !q.currency_code) return null
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const context: Record<string, unknown> = {}
  if (q.region_id) {
    const { data: [region] } = await query.graph({ entity: "region", fields: ["id", "currency_code"], filters: { id: q.region_id } })
    if (!region) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Region with id: ${q.region_id} was not found`)
    context.region_id = region.id
    context.currency_code = region.currency_code
  }
  if (q.currency_code) context.currency_code = q.currency_code
  if (customerId) {
    const { data: groups } = await query.graph({ entity: "customer_group", fields: ["id"], filters: { customers: { id: customerId } } as any })
    context.customer = { groups: groups.map((g: any) => ({ id: g.id })) }
  }
  return context
}

/**
 * Calculated prices of variants for a pricing context, by variant id.
 *
 * @example
 * const prices = await variantPrices(req.scope, ["variant_1"], { region_id, currency_code: "eur" })
 */
export async function variantPrices(scope: MedusaContainer, variantIds: string[], context: Record<string, unknown>) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.*"],
    filters: { id: variantIds },
    context: { calculated_price: QueryContext(context) },
  })
  return new Map(data.map((v: any) => [v.id, v.calculated_price ?? null]))
}

/**
 * The ids of the packs on sale in `channelIds`: a variant of a published product in one of
 * those channels. Filtered by the queries, link tables first (Query cannot filter by a linked
 * model), as Medusa's store variant routes do; the pack query then filters its service.
 *
 * @example
 * const ids = await packIdsForSale(req.scope, ["sc_1"])
 */
export async function packIdsForSale(scope: MedusaContainer, channelIds: string[]): Promise<string[]> {
  if (!channelIds.length) return []
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: inChannels } = await query.graph({ entity: "product_sales_channel", fields: ["product_id"], filters: { sales_channel_id: channelIds } })
  if (!inChannels.length) return []
  const { data: variants } = await query.graph({
    entity: "product_variant",
    fields: ["id"],
    filters: { product: { id: [...new Set(inChannels.map((l: any) => l.product_id))], status: "published" } } as any,
  })
  if (!variants.length) return []
  const { data: links } = await query.graph({
    entity: PackVariantLink.entryPoint,
    fields: ["iap_credit_pack_id"],
    filters: { product_variant_id: variants.map((v: any) => v.id) },
  })
  return links.map((l: any) => l.iap_credit_pack_id)
}
