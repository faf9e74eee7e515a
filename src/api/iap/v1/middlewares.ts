import { validateAndTransformBody, type MiddlewareRoute } from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { authenticateProvider } from "./authenticate-provider"
import { ProviderAuthorize, ProviderBalance, ProviderCancel, ProviderCapture, ProviderCharge, ProviderEstimate } from "./validators"

/**
 * Medusa's body validator with the schema as it is: given a zod object it makes a strict copy of
 * it on every request (its `zodValidator` calls `.strict()`), a cost the provider hot path pays
 * per call (bench/scenarios/http.js). Ours are strict already (validators.ts), so it gets an
 * object without `strict`: the same parse, the same error messages, formatted by Medusa.
 */
const validateAsIs = (schema: z.ZodType) => {
  const asIs = { parseAsync: (body: unknown) => schema.parseAsync(body) }
  return validateAndTransformBody((() => asIs) as any)
}

/** The service key is checked before the body, so an unauthenticated caller learns nothing (401 before 400). */
const provider = (path: string, schema: z.ZodType): MiddlewareRoute => ({
  matcher: `/iap/v1/${path}`,
  methods: ["POST"],
  middlewares: [authenticateProvider, validateAsIs(schema)],
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
