import type { MiddlewareRoute } from "@medusajs/framework/http"

/** Store IAP routes (`/store/iap/...`): each resource folder adds its own array here. */
export const storeIapMiddlewares: MiddlewareRoute[] = []
