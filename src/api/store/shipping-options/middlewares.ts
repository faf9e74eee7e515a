import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { findDigitalDelivery } from "../../../workflows/packs/utils/digital-delivery"
import { offeredOptions } from "./scope-options"

/**
 * Narrows Medusa's own `GET /store/shipping-options?cart_id=` answer to the options the cart's
 * lines can use (see offeredOptions), so a storefront that lists them as they come (Medusa's
 * starters do) offers "Instant delivery" for packs and nothing a pack cannot ship with.
 * Medusa's route still does the listing; this only filters its body. Any doubt (no cart, no
 * digital delivery, a lookup failing) leaves the answer as Medusa makes it.
 */
export async function scopeShippingOptionsToCart(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const cartId = req.query.cart_id
  if (typeof cartId !== "string" || req.query.is_return === "true") return next()
  let lineProfiles: Set<string>
  let digitalProfileId: string
  try {
    const delivery = await findDigitalDelivery(req.scope)
    const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data: [cart] } = await query.graph({
      entity: "cart",
      fields: ["id", "items.requires_shipping", "items.variant.product.shipping_profile.id"],
      filters: { id: cartId },
    })
    if (!delivery || !cart) return next()
    digitalProfileId = delivery.shipping_profile_id
    lineProfiles = new Set(
      (cart.items ?? []).filter((i: any) => i?.requires_shipping).map((i: any) => i.variant?.product?.shipping_profile?.id).filter(Boolean)
    )
  } catch {
    // Medusa's route validates the cart id and answers for it; a filter must not turn its 4xx into a 500.
    return next()
  }
  const json = res.json.bind(res)
  res.json = ((body: any) =>
    json(Array.isArray(body?.shipping_options) ? { ...body, shipping_options: offeredOptions(body.shipping_options, lineProfiles, digitalProfileId) } : body)) as typeof res.json
  next()
}

export const storeShippingOptionsMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/shipping-options", method: ["GET"], middlewares: [scopeShippingOptionsToCart] },
]
