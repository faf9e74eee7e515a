import type { MiddlewareRoute } from "@medusajs/framework/http"

/** Provider API (`/iap/v1/...`). */
export const providerApiMiddlewares: MiddlewareRoute[] = []
