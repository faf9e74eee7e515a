import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { adminIapRateVersionMiddlewares } from "./rate-versions-middlewares"
import { listAdminIapServiceQueryConfig, retrieveAdminIapServiceQueryConfig } from "./query-config"
import {
  AdminCreateIapService,
  AdminGetIapServiceParams,
  AdminGetIapServicesParams,
  AdminUpdateIapService,
} from "./validators"

export const adminIapServicesMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/iap/services",
    middlewares: [validateAndTransformQuery(AdminGetIapServicesParams, listAdminIapServiceQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/iap/services",
    middlewares: [validateAndTransformBody(AdminCreateIapService)],
  },
  {
    method: ["GET"],
    matcher: "/admin/iap/services/:id",
    middlewares: [validateAndTransformQuery(AdminGetIapServiceParams, retrieveAdminIapServiceQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/admin/iap/services/:id",
    middlewares: [validateAndTransformBody(AdminUpdateIapService)],
  },
  ...adminIapRateVersionMiddlewares,
]
