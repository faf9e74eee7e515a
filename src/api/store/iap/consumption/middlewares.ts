import { authenticate, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { storeIapConsumptionQueryConfig } from "./query-config"
import { StoreGetIapConsumptionParams } from "./validators"

export const storeIapConsumptionMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/iap/consumption",
    middlewares: [
      authenticate("customer", ["session", "bearer"]),
      validateAndTransformQuery(StoreGetIapConsumptionParams, storeIapConsumptionQueryConfig),
    ],
  },
]
