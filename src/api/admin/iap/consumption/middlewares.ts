import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { adminIapConsumptionQueryConfig } from "./query-config"
import { AdminGetIapConsumptionParams } from "./validators"

export const adminIapConsumptionMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/iap/consumption",
    middlewares: [validateAndTransformQuery(AdminGetIapConsumptionParams, adminIapConsumptionQueryConfig)],
  },
]
