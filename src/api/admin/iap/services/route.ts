import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapServiceKeyResponse, AdminIapServiceListResponse } from "../../../../types/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createIapServiceWorkflow } from "../../../../workflows/services/create-iap-service"
import { refetchIapService } from "./helpers"
import type { AdminCreateIapServiceType, AdminGetIapServicesParamsType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

/** GET /admin/iap/services: services, filtered (q, status, provider_type) and paginated. */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminGetIapServicesParamsType>, res: MedusaResponse<AdminIapServiceListResponse>) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: services, metadata } = await query.graph({
    entity: "iap_service",
    fields: req.queryConfig.fields,
    filters: req.filterableFields,
    pagination: { ...req.queryConfig.pagination, order: req.queryConfig.pagination.order ?? { technical_name: "ASC" } },
  })
  res.json({ services, count: metadata!.count, limit: metadata!.take, offset: metadata!.skip })
})

/** POST /admin/iap/services: creates a service; a third-party one's `key` is shown this once. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminCreateIapServiceType>, res: MedusaResponse<AdminIapServiceKeyResponse>) => {
  const { result } = await createIapServiceWorkflow(req.scope).run({ input: req.validatedBody })
  const service = await refetchIapService(req.scope, result.service.id)
  res.status(201).json({ service, key: result.key })
})
