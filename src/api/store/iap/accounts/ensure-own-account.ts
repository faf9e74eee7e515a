import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { iapService, storeScope } from "../../../utils/portal"

/**
 * Rule 12 (docs/rules.md) for every `/store/iap/accounts/:id/*` route: the account must be the
 * signed-in customer's and usable in this store's sales channels, else 404 (never 403, so
 * another customer's account ids reveal nothing).
 *
 * @example
 * { method: ["GET"], matcher: "/store/iap/accounts/:id", middlewares: [signedIn, ensureOwnIapAccount] }
 */
export async function ensureOwnIapAccount(req: AuthenticatedMedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  try {
    const page = await iapService(req).listPortalAccounts({ id: [req.params.id], ...storeScope(req) }, { limit: 1, offset: 0 })
    if (!page.count) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP account with id: ${req.params.id} was not found`)
    next()
  } catch (e) {
    next(e)
  }
}
