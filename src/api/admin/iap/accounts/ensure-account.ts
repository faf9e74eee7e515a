import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { iapService } from "../../../utils/portal"

/** 404 for an account that does not exist, before a sub-resource route answers for it. */
export async function ensureAdminIapAccount(req: AuthenticatedMedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    await iapService(req).retrieveAccount(req.params.id)
    next()
  } catch (e) {
    next(e)
  }
}
