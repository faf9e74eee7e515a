import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { iapService } from "../../utils/portal"

/**
 * The option `odooProtocol`: while it is `"disabled"` (the default) every `/iap/1/*` route
 * answers 404 as if it did not exist (an Odoo client reads that as a connection error).
 *
 * @example
 * { matcher: "/iap/1/balance", methods: ["POST"], middlewares: [odooProtocolEnabled] }
 */
export function odooProtocolEnabled(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (iapService(req).getOptions().odooProtocol !== "enabled") {
    res.status(404).json({ type: "not_found", message: "The Odoo IAP protocol is disabled on this store (option odooProtocol)" })
    return
  }
  next()
}

const rpc = (path: string): MiddlewareRoute => ({ matcher: `/iap/1/${path}`, methods: ["POST"], middlewares: [odooProtocolEnabled] })

/** Odoo IAP protocol (`/iap/1/...`): JSON-RPC 2.0; params are validated inside each route (errors are JSON-RPC errors). */
export const odooProtocolMiddlewares: MiddlewareRoute[] = [
  rpc("authorize"),
  rpc("capture"),
  rpc("cancel"),
  rpc("balance"),
  rpc("get-accounts-information"),
  rpc("update-warning-email-alerts"),
  { matcher: "/iap/1/credit", methods: ["GET"], middlewares: [odooProtocolEnabled] },
]
