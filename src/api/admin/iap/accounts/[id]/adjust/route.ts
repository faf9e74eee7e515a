import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapAccountMutationResponse } from "../../../../../../types/http"
import { adjustCreditsWorkflow } from "../../../../../../workflows/credits/adjust-credits"
import { adminActor, iapService, idempotencyKeyOf,  } from "../../../../../utils/portal"
import type { AdminAdjustIapCreditsType } from "../../validators"
import { withIapErrors } from "../../../../../utils/iap-errors"

/**
 * POST /admin/iap/accounts/:id/adjust: a signed correction with a note, the admin as actor.
 * Taking more than is available answers 402 `insufficient_credits` (never a 500).
 */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminAdjustIapCreditsType>, res: MedusaResponse<AdminIapAccountMutationResponse>) => {
  const { idempotency_key, ...body } = req.validatedBody
  const { result } = await adjustCreditsWorkflow(req.scope).run({
    input: { ...body, account_id: req.params.id, idempotency_key: idempotencyKeyOf(idempotency_key, "admin-adjust"), ...adminActor(req) },
  })
  const account = await iapService(req).retrievePortalAccount(req.params.id)
  res.json({ account, lot: result.lot, transaction: result.transaction, replayed: result.replayed })
})
