import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { odooProtocolEnabled } from "../../../iap/1/middlewares"
import { listAdminOdooTokenQueryConfig } from "./query-config"
import { AdminGetOdooTokensParams } from "./validators"

/** Odoo databases linked to accounts (every customer's); 404 while `odooProtocol` is disabled. */
export const adminOdooTokenMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/iap/odoo-tokens",
    middlewares: [odooProtocolEnabled, validateAndTransformQuery(AdminGetOdooTokensParams, listAdminOdooTokenQueryConfig)],
  },
  { method: ["POST"], matcher: "/admin/iap/odoo-tokens/:id/revoke", middlewares: [odooProtocolEnabled] },
]
