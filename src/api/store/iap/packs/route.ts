import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { StoreIapPackListResponse } from "../../../../types/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { packIdsForSale, storePricingContext, variantPrices } from "./helpers"
import type { StoreListCreditPacksType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

const FIELDS = [
  "id", "credits", "expires_after_days", "category",
  "service.technical_name", "service.name", "service.description", "service.unit_name", "service.status",
  "product_variant.id", "product_variant.title", "product_variant.sku",
  "product_variant.product.id", "product_variant.product.title", "product_variant.product.handle",
  "product_variant.product.thumbnail",
]

/**
 * GET /store/iap/packs?region_id=&currency_code=&service= → `{ packs }`: the packs on sale in
 * the publishable key's sales channels (published product, active service), each with the
 * `variant_id` to add to a cart and, for a region or currency, its `calculated_price`.
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, StoreListCreditPacksType>, res: MedusaResponse<StoreIapPackListResponse>) => {
  const ids = await packIdsForSale(req.scope, req.publishable_key_context?.sales_channel_ids ?? [])
  const service = { status: "active", ...(req.validatedQuery.service ? { technical_name: req.validatedQuery.service } : {}) }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = ids.length ? await query.graph({ entity: "iap_credit_pack", fields: FIELDS, filters: { id: ids, service } as any }) : { data: [] }
  const forSale = data as any[]
  const context = await storePricingContext(req.scope, req.validatedQuery, req.auth_context?.actor_id)
  const prices = context && forSale.length ? await variantPrices(req.scope, forSale.map((p) => p.product_variant.id), context) : null
  // With a price asked for, a pack without a price there cannot be bought: leave it out.
  const packs = forSale
    .filter((p) => !prices || prices.get(p.product_variant.id))
    .map((p) => ({
      id: p.id,
      credits: p.credits,
      expires_after_days: p.expires_after_days,
      category: p.category,
      service: { technical_name: p.service.technical_name, name: p.service.name, description: p.service.description, unit_name: p.service.unit_name },
      variant_id: p.product_variant.id,
      variant_title: p.product_variant.title,
      product: { id: p.product_variant.product.id, title: p.product_variant.product.title, handle: p.product_variant.product.handle, thumbnail: p.product_variant.product.thumbnail },
      calculated_price: prices?.get(p.product_variant.id) ?? null,
    }))
    .sort((a, b) => a.service.technical_name.localeCompare(b.service.technical_name) || Number(a.credits) - Number(b.credits))
  res.json({ packs })
})
