import type { MiddlewareRoute } from "@medusajs/framework/http"
import { storeIapAccountsMiddlewares } from "./accounts/middlewares"
import { storeIapConsumptionMiddlewares } from "./consumption/middlewares"
import { storeOdooTokenMiddlewares } from "./odoo-tokens/middlewares"
import { storeCreditPackMiddlewares } from "./packs/middlewares"
import { storeIapServiceMiddlewares } from "./services/middlewares"

/** Store IAP routes (`/store/iap/...`): each resource folder adds its own array here. */
export const storeIapMiddlewares: MiddlewareRoute[] = [
  ...storeCreditPackMiddlewares,
  ...storeIapAccountsMiddlewares,
  ...storeIapConsumptionMiddlewares,
  ...storeOdooTokenMiddlewares,
  ...storeIapServiceMiddlewares,
]
