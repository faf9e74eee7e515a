import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { AdminCreateRateVersion, AdminGetRateVersionParams, AdminImportRateVersion, AdminUpdateRateVersion } from "./rate-validators"

const base = "/admin/iap/services/:id/rate-versions"
const noQuery = validateAndTransformQuery(AdminGetRateVersionParams, { defaults: [], allowed: [], isList: false })

/** Rate card of a service (docs/rate-cards.md): versions with their rates, CSV import and export. */
export const adminIapRateVersionMiddlewares: MiddlewareRoute[] = [
  { method: ["GET"], matcher: base, middlewares: [noQuery] },
  { method: ["POST"], matcher: base, middlewares: [validateAndTransformBody(AdminCreateRateVersion)] },
  { method: ["POST"], matcher: "/admin/iap/services/:id/import-rates", middlewares: [validateAndTransformBody(AdminImportRateVersion)] },
  { method: ["GET"], matcher: `${base}/:version_id`, middlewares: [noQuery] },
  { method: ["POST"], matcher: `${base}/:version_id`, middlewares: [validateAndTransformBody(AdminUpdateRateVersion)] },
  { method: ["GET"], matcher: `${base}/:version_id/export`, middlewares: [noQuery] },
]
