import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapAccountMutationResponse } from "../../../../../../types/http"
import { grantCreditsWorkflow } from "../../../../../../workflows/credits/grant-credits"
import type { AdminGrantIapCreditsType } from "../../validators"
import { adminActor, iapService, idempotencyKeyOf,  } from "../../../../../utils/portal"
import { withIapErrors } from "../../../../../utils/iap-errors"

/** POST /admin/iap/accounts/:id/grant: a new lot (promotional by default), the admin as actor. */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminGrantIapCreditsType>, res: MedusaResponse<AdminIapAccountMutationResponse>) => {
  const { note, idempotency_key, ...body } = req.validatedBody
  const { result } = await grantCreditsWorkflow(req.scope).run({
    input: {
      ...body,
      account_id: req.params.id,
      source_type: "grant",
      source_id: req.auth_context.actor_id,
      description: note,
      idempotency_key: idempotencyKeyOf(idempotency_key, "admin-grant"),
      ...adminActor(req),
    },
  })
  const account = await iapService(req).retrievePortalAccount(req.params.id)
  res.json({ account, lot: result.lot, transaction: result.transaction, replayed: result.replayed })
})
