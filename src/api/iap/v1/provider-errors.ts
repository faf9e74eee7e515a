import type { MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { withIapErrors } from "../../utils/iap-errors"

type Handler = (req: any, res: MedusaResponse) => Promise<unknown>

/**
 * Wraps a provider route: 402 for insufficient credits (rule-10 body), and 409 with the
 * conflict's own message and code (`idempotency_key_reused`, `hold_not_pending`), which
 * Medusa's error handler would replace with a generic text. Other errors go on to it.
 *
 * @example
 * export const POST = providerRoute(async (req: ProviderRequest<ProviderChargeType>, res) => { ... })
 */
export function providerRoute<H extends Handler>(handler: H): H {
  const mapped = async (req: unknown, res: MedusaResponse) => {
    try {
      return await handler(req, res)
    } catch (e) {
      if (e && (e as MedusaError).type === MedusaError.Types.CONFLICT) {
        const { code, message } = e as MedusaError
        res.status(409).json({ type: MedusaError.Types.CONFLICT, ...(code ? { code } : {}), message })
        return
      }
      throw e
    }
  }
  return withIapErrors(mapped) as H
}
