import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../modules/iap"
import { InsufficientCreditsError } from "../../modules/iap/errors"
import type IapModuleService from "../../modules/iap/service"

/**
 * Fills the `creditsUrl` option's template: `{service}`, `{credits}` (the credits missing),
 * `{account}`, and for an Odoo database `{token}` and `{dbuuid}` (empty when not given).
 *
 * @example
 * creditsUrl("/credits?service={service}&credits={credits}", { service: "sms", credits: 3, account: "iapacc_1" })
 */
export function creditsUrl(
  template: string,
  values: { service: string; credits: number; account: string; token?: string; dbuuid?: string }
): string {
  return template
    .replace(/\{service\}/g, encodeURIComponent(values.service))
    .replace(/\{credits\}/g, encodeURIComponent(String(values.credits)))
    .replace(/\{account\}/g, encodeURIComponent(values.account))
    .replace(/\{token\}/g, encodeURIComponent(values.token ?? ""))
    .replace(/\{dbuuid\}/g, encodeURIComponent(values.dbuuid ?? ""))
}

/** The rule-10 body of a 402. */
export function insufficientCreditsBody(req: MedusaRequest, err: InsufficientCreditsError) {
  const iap = req.scope.resolve<IapModuleService>(IAP_MODULE)
  const missing = Math.max(0, Number((err.required - err.available).toFixed(4)))
  return {
    type: "insufficient_credits",
    message: err.message,
    service: err.service,
    required: err.required,
    available: err.available,
    credits_url: creditsUrl(iap.getOptions().creditsUrl, { service: err.service, credits: missing, account: err.account_id }),
  }
}

type Handler = (req: any, res: MedusaResponse) => Promise<unknown>

/**
 * Wraps a route handler: an insufficient-credits error answers 402 with the rule-10 body, a
 * conflict answers 409 with its own message and code (`idempotency_key_reused`,
 * `hold_not_pending`...), which Medusa's error handler would replace with a generic text.
 * Every other error goes on to Medusa's error handler (400/404...).
 *
 * @example
 * export const POST = withIapErrors(async (req, res) => { ... })
 */
export function withIapErrors<H extends Handler>(handler: H): H {
  return (async (req: MedusaRequest, res: MedusaResponse) => {
    try {
      return await handler(req, res)
    } catch (e) {
      if (InsufficientCreditsError.is(e)) {
        res.status(402).json(insufficientCreditsBody(req, e))
        return
      }
      if ((e as MedusaError)?.type === MedusaError.Types.CONFLICT) {
        const { code, message } = e as MedusaError
        res.status(409).json({ type: MedusaError.Types.CONFLICT, ...(code ? { code } : {}), message })
        return
      }
      throw e
    }
  }) as H
}
