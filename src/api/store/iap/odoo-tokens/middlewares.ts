import { authenticate, validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { odooProtocolEnabled } from "../../../iap/1/middlewares"
import { listStoreOdooTokenQueryConfig } from "./query-config"
import { StoreGetOdooTokensParams, StoreLinkOdooToken } from "./validators"

const signedIn = authenticate("customer", ["session", "bearer"])

/** The customer's links of Odoo databases to their accounts; 404 while `odooProtocol` is disabled. */
export const storeOdooTokenMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/store/iap/odoo-tokens",
    middlewares: [odooProtocolEnabled, signedIn, validateAndTransformQuery(StoreGetOdooTokensParams, listStoreOdooTokenQueryConfig)],
  },
  {
    method: ["POST"],
    matcher: "/store/iap/odoo-tokens",
    middlewares: [odooProtocolEnabled, signedIn, validateAndTransformBody(StoreLinkOdooToken)],
  },
  { method: ["POST"], matcher: "/store/iap/odoo-tokens/:id/revoke", middlewares: [odooProtocolEnabled, signedIn] },
]
