import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapCreditPackProductResponse } from "../../../../../types/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createCreditPackProductWorkflow } from "../../../../../workflows/packs/create-credit-pack-product"
import { refetchCreditPacks } from "../helpers"
import type { AdminCreateCreditPackProductType } from "../validators"
import { withIapErrors } from "../../../../utils/iap-errors"

/**
 * POST /admin/iap/packs/products `{ service_id, title, sales_channel_ids, packs: [{ credits, prices }] }`
 * → `{ product, packs }`: a product with one variant per pack, published in those channels.
 */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminCreateCreditPackProductType>, res: MedusaResponse<AdminIapCreditPackProductResponse>) => {
  const { result } = await createCreditPackProductWorkflow(req.scope).run({ input: req.validatedBody })
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [product] } = await query.graph({
    entity: "product",
    fields: ["id", "title", "handle", "status", "sales_channels.id", "sales_channels.name", "variants.id", "variants.title"],
    filters: { id: result.product_id },
  })
  const packs = await refetchCreditPacks(req.scope, result.packs.map((p) => p.id), req.queryConfig.fields)
  res.status(201).json({ product, packs })
})
