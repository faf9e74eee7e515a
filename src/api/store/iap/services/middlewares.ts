import { authenticate, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"

/** A price table takes no query parameters (no `fields`: the shape is fixed). */
export const StoreGetServiceRates = z.object({}).strict()

/** `/store/iap/services/:name/rates`: public prices (signing in is optional). */
export const storeIapServiceMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/iap/services/:name/rates",
    methods: ["GET"],
    middlewares: [
      authenticate("customer", ["session", "bearer"], { allowUnauthenticated: true }),
      validateAndTransformQuery(StoreGetServiceRates, { defaults: [], allowed: [], isList: false }),
    ],
  },
]
