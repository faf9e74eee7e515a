import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapCreditPackListResponse, AdminIapCreditPackResponse } from "../../../../types/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCreditPacksWorkflow } from "../../../../workflows/packs/create-credit-packs"
import { packIdsOfVariants, refetchCreditPacks } from "./helpers"
import type { AdminCreateCreditPackType, AdminListCreditPacksType } from "./validators"
import { withIapErrors } from "../../../utils/iap-errors"

/** GET /admin/iap/packs?service_id=&variant_id=&limit=&offset= → `{ packs, count, limit, offset }` */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminListCreditPacksType>, res: MedusaResponse<AdminIapCreditPackListResponse>) => {
  const { service_id, variant_id } = req.validatedQuery
  const filters: Record<string, unknown> = {}
  if (service_id) filters.service_id = service_id
  if (variant_id) filters.id = await packIdsOfVariants(req.scope, [variant_id].flat())
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: "iap_credit_pack",
    fields: req.queryConfig.fields,
    filters,
    pagination: req.queryConfig.pagination,
  })
  res.json({ packs: data, count: metadata!.count, limit: metadata!.take, offset: metadata!.skip })
})

/** POST /admin/iap/packs `{ service_id, variant_id, credits, expires_after_days?, category?, metadata? }` → `{ pack }`: sells an existing variant as a pack. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminCreateCreditPackType>, res: MedusaResponse<AdminIapCreditPackResponse>) => {
  const { result } = await createCreditPacksWorkflow(req.scope).run({ input: { packs: [req.validatedBody] } })
  const [pack] = await refetchCreditPacks(req.scope, [result[0].id], req.queryConfig.fields, { one: true })
  res.status(201).json({ pack })
})
