import type { MiddlewareRoute } from "@medusajs/framework/http"
import { adminIapAccountsMiddlewares } from "./accounts/middlewares"
import { adminIapConsumptionMiddlewares } from "./consumption/middlewares"
import { adminOdooTokenMiddlewares } from "./odoo-tokens/middlewares"
import { adminIapOrdersMiddlewares } from "./orders/middlewares"
import { adminCreditPackMiddlewares } from "./packs/middlewares"
import { adminIapServicesMiddlewares } from "./services/middlewares"
import { adminIapTransactionsMiddlewares } from "./transactions/middlewares"

/** Admin IAP routes (`/admin/iap/...`): each resource folder adds its own array here. */
export const adminIapMiddlewares: MiddlewareRoute[] = [
  ...adminIapServicesMiddlewares,
  ...adminIapAccountsMiddlewares,
  ...adminIapTransactionsMiddlewares,
  ...adminIapConsumptionMiddlewares,
  ...adminCreditPackMiddlewares,
  ...adminIapOrdersMiddlewares,
  ...adminOdooTokenMiddlewares,
]
