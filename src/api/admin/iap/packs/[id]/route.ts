import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapCreditPackResponse, AdminIapDeleteResponse } from "../../../../../types/http"
import { deleteCreditPacksWorkflow } from "../../../../../workflows/packs/delete-credit-packs"
import { updateCreditPackWorkflow } from "../../../../../workflows/packs/update-credit-pack"
import { refetchCreditPacks } from "../helpers"
import type { AdminUpdateCreditPackType } from "../validators"
import { withIapErrors } from "../../../../utils/iap-errors"

/** GET /admin/iap/packs/:id → `{ pack }` */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapCreditPackResponse>) => {
  const [pack] = await refetchCreditPacks(req.scope, [req.params.id], req.queryConfig.fields, { one: true })
  res.json({ pack })
})

/** POST /admin/iap/packs/:id `{ credits?, expires_after_days?, category?, metadata? }` → `{ pack }` (later purchases only). */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminUpdateCreditPackType>, res: MedusaResponse<AdminIapCreditPackResponse>) => {
  await updateCreditPackWorkflow(req.scope).run({ input: { id: req.params.id, ...req.validatedBody } })
  const [pack] = await refetchCreditPacks(req.scope, [req.params.id], req.queryConfig.fields, { one: true })
  res.json({ pack })
})

/** DELETE /admin/iap/packs/:id → `{ id, object, deleted }`; the variant stays, no longer a pack. */
export const DELETE = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminIapDeleteResponse<"iap_credit_pack">>) => {
  await deleteCreditPacksWorkflow(req.scope).run({ input: { ids: [req.params.id] } })
  res.json({ id: req.params.id, object: "iap_credit_pack", deleted: true })
})
