import {
  validateAndTransformBody,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import type { z } from "@medusajs/framework/zod"
import { authenticateOrAddress, authenticateProvider, type ProviderRequest } from "./authenticate-provider"
import { ProviderAuthorize, ProviderBalance, ProviderCancel, ProviderCapture, ProviderCharge, ProviderEstimate } from "./validators"

/**
 * Medusa's body validator with the schema as it is: given a zod object it makes a strict copy of
 * it on every request (its `zodValidator` calls `.strict()`), a cost the provider hot path pays
 * per call (bench/scenarios/http.js). Ours are strict already (validators.ts), so it gets an
 * object without `strict`: the same parse, the same error messages, formatted by Medusa.
 */
const validateAsIs = (schema: z.ZodType) => {
  const asIs = { parseAsync: (body: unknown) => schema.parseAsync(body) }
  const validate = validateAndTransformBody((() => asIs) as any)
  // A body `authenticateOrAddress` has already validated is not parsed twice.
  return (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) =>
    (req as ProviderRequest).iap_address ? next() : validate(req, res, next)
}

/**
 * The service key is checked before the body, so an unauthenticated caller learns nothing (401
 * before 400). Charge, authorize and capture may leave the check to their statement (`authenticateOrAddress`).
 */
const provider = (path: string, schema: z.ZodType, addressed = false): MiddlewareRoute => ({
  matcher: `/iap/v1/${path}`,
  methods: ["POST"],
  middlewares: [addressed ? authenticateOrAddress(schema) : authenticateProvider, validateAsIs(schema)],
})

/** Provider API (`/iap/v1/...`): `Authorization: Bearer <service key>`, the account token in the body. */
export const providerApiMiddlewares: MiddlewareRoute[] = [
  provider("balance", ProviderBalance),
  provider("authorize", ProviderAuthorize, true),
  provider("capture", ProviderCapture, true),
  provider("cancel", ProviderCancel),
  provider("charge", ProviderCharge, true),
  provider("estimate", ProviderEstimate),
]
