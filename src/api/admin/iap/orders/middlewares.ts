import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { adminOrderIapCreditsQueryConfig } from "./query-config"
import { AdminGetOrderIapCreditsParams } from "./validators"

export const adminIapOrdersMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/iap/orders/:id/credits",
    middlewares: [validateAndTransformQuery(AdminGetOrderIapCreditsParams, adminOrderIapCreditsQueryConfig)],
  },
]
