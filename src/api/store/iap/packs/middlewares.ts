import { authenticate, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { StoreListCreditPacks } from "./validators"

/**
 * `/store/iap/packs`: packs for sale in the publishable key's sales channels. Signing in is
 * optional; a signed-in customer gets the prices of their customer groups.
 */
export const storeCreditPackMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/iap/packs",
    methods: ["GET"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateAndTransformQuery(StoreListCreditPacks, { defaults: [], isList: false }),
    ],
  },
]
