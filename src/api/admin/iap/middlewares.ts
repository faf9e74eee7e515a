import type { MiddlewareRoute } from "@medusajs/framework/http"

/** Admin IAP routes (`/admin/iap/...`): each resource folder adds its own array here. */
export const adminIapMiddlewares: MiddlewareRoute[] = []
