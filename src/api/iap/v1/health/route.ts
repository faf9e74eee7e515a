import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { IapProviderHealthResponse } from "../../../../types/http"
import { withIapErrors } from "../../../utils/iap-errors"

/**
 * Health probe of the provider API: no auth, so a third-party provider (and the package
 * smoke test) can check that the plugin is installed and its routes are served.
 *
 * @example
 * // curl http://localhost:9000/iap/v1/health → {"status":"ok","service":"medusa-plugin-iap"}
 */
export const GET = withIapErrors(async (_req: MedusaRequest, res: MedusaResponse<IapProviderHealthResponse>) => {
  res.json({ status: "ok", service: "medusa-plugin-iap" })
})
