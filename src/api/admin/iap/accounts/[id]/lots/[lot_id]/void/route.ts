import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminIapVoidLotResponse } from "../../../../../../../../types/http"
import { voidCreditLotWorkflow } from "../../../../../../../../workflows/credits/void-credit-lot"
import type { AdminVoidIapLotType } from "../../../../validators"
import { adminActor, iapService, idempotencyKeyOf,  } from "../../../../../../../utils/portal"
import { withIapErrors } from "../../../../../../../utils/iap-errors"

/**
 * POST /admin/iap/accounts/:id/lots/:lot_id/void: voids what is left of the lot; credits already
 * used stay used and are reported as `shortfall`.
 */
export const POST = withIapErrors(async (req: AuthenticatedMedusaRequest<AdminVoidIapLotType>, res: MedusaResponse<AdminIapVoidLotResponse>) => {
  const { result } = await voidCreditLotWorkflow(req.scope).run({
    input: {
      account_id: req.params.id,
      lot_id: req.params.lot_id,
      note: req.validatedBody.note ?? null,
      idempotency_key: idempotencyKeyOf(req.validatedBody.idempotency_key, "admin-void"),
      ...adminActor(req),
    },
  })
  const account = await iapService(req).retrievePortalAccount(req.params.id)
  res.json({ account, lot: result.lot, transaction: result.transaction, voided: result.voided, shortfall: result.shortfall, replayed: result.replayed })
})
