import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapServiceKeyResponse } from "../../../../../../types/http"
import { rotateIapServiceKeyWorkflow } from "../../../../../../workflows/services/rotate-iap-service-key"
import { refetchIapService } from "../../helpers"
import { withIapErrors } from "../../../../../utils/iap-errors"

/** POST /admin/iap/services/:id/rotate-key: a new key for a third-party service, shown this once. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapServiceKeyResponse>) => {
  const { result } = await rotateIapServiceKeyWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ service: await refetchIapService(req.scope, req.params.id), key: result.key })
})
