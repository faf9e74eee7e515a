import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapServiceArchiveResponse, AdminIapServiceResponse } from "../../../../../types/http"
import { updateIapServiceWorkflow } from "../../../../../workflows/services/update-iap-service"
import { refetchIapService } from "../helpers"
import type { AdminUpdateIapServiceType } from "../validators"
import { withIapErrors } from "../../../../utils/iap-errors"

/** GET /admin/iap/services/:id */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapServiceResponse>) => {
  res.json({ service: await refetchIapService(req.scope, req.params.id, req.queryConfig.fields) })
})

/** POST /admin/iap/services/:id: changes settings; `status: "archived"` archives. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminUpdateIapServiceType>, res: MedusaResponse<AdminIapServiceResponse>) => {
  await updateIapServiceWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ service: await refetchIapService(req.scope, req.params.id) })
})

/**
 * DELETE /admin/iap/services/:id archives the service (status `archived`): its accounts and
 * ledger stay, nothing new can be charged. Services are never deleted.
 */
export const DELETE = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapServiceArchiveResponse>) => {
  await updateIapServiceWorkflow(req.scope).run({ input: { id: req.params.id, update: { status: "archived" } } })
  const service = await refetchIapService(req.scope, req.params.id)
  res.json({ id: service.id, object: "iap_service", archived: true, service })
})
