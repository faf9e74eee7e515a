import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { authenticateProvider } from "./authenticate-provider"
import { ProviderAuthorize, ProviderBalance, ProviderCancel, ProviderCapture, ProviderCharge, ProviderEstimate } from "./validators"

/** The service key is checked before the body, so an unauthenticated caller learns nothing (401 before 400). */
const provider = (path: string, schema: z.ZodType): MiddlewareRoute => ({
  matcher: `/iap/v1/${path}`,
  methods: ["POST"],
  middlewares: [authenticateProvider, validateAndTransformBody(schema as any)],
})

/** Provider API (`/iap/v1/...`): `Authorization: Bearer <service key>`, the account token in the body. */
export const providerApiMiddlewares: MiddlewareRoute[] = [
  provider("balance", ProviderBalance),
  provider("authorize", ProviderAuthorize),
  provider("capture", ProviderCapture),
  provider("cancel", ProviderCancel),
  provider("charge", ProviderCharge),
  provider("estimate", ProviderEstimate),
]
