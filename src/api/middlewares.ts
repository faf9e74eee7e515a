import { defineMiddlewares } from "@medusajs/framework/http"
import { adminIapMiddlewares } from "./admin/iap/middlewares"
import { odooProtocolMiddlewares } from "./iap/1/middlewares"
import { providerApiMiddlewares } from "./iap/v1/middlewares"
import { storeIapMiddlewares } from "./store/iap/middlewares"
import { storeShippingOptionsMiddlewares } from "./store/shipping-options/middlewares"
import { inputGuardMiddlewares } from "./utils/input-guard"

export default defineMiddlewares({
  routes: [
    ...inputGuardMiddlewares,
    ...adminIapMiddlewares,
    ...storeIapMiddlewares,
    ...storeShippingOptionsMiddlewares,
    ...providerApiMiddlewares,
    ...odooProtocolMiddlewares,
  ],
})
