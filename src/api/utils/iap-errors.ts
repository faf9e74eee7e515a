import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../modules/iap"
import { InsufficientCreditsError, RateNotFoundError } from "../../modules/iap/errors"
import type IapModuleService from "../../modules/iap/service"
import { classifyDbError } from "./db-errors"

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

/** The body of a 402 (docs/rules.md, rule 10). */
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

/** Seconds a client should wait before retrying after a 503. */
export const RETRY_AFTER_SECONDS = 1

/**
 * Answers the errors Medusa's own error handler would get wrong, and returns false for the
 * others: 402 with the insufficient-credits body; 409 with its own message and code
 * (`idempotency_key_reused`, `hold_not_pending`...), which Medusa would replace with a generic
 * text; 503 `unavailable` with `Retry-After` for a lost database connection or a deadlock (the
 * request changed nothing, so a retry with the same idempotency key is safe); 400 for a value
 * Postgres refused.
 */
export function answerIapError(e: unknown, req: MedusaRequest, res: MedusaResponse): boolean {
  if (res.headersSent) return false
  if (InsufficientCreditsError.is(e)) {
    res.status(402).json(insufficientCreditsBody(req, e))
    return true
  }
  if (RateNotFoundError.is(e)) {
    res.status(400).json({ type: "rate_not_found", message: e.message, service: e.service, metric: e.metric, dimensions: e.dimensions })
    return true
  }
  if ((e as MedusaError)?.type === MedusaError.Types.CONFLICT) {
    const { code, message } = e as MedusaError
    res.status(409).json({ type: MedusaError.Types.CONFLICT, ...(code ? { code } : {}), message })
    return true
  }
  const db = classifyDbError(e)
  if (db === "unavailable") {
    res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS))
    res.status(503).json({ type: "unavailable", message: "The database is unavailable for a moment: retry the same request (same idempotency key)" })
    return true
  }
  if (db === "bad_value") {
    res.status(400).json({ type: MedusaError.Types.INVALID_DATA, message: "A value in the request cannot be stored (invalid characters, or a date or number out of range)" })
    return true
  }
  return false
}

/** Marks handlers wrapped by `withIapErrors` (a unit test checks every IAP route has it). */
export const IAP_ERRORS = Symbol.for("medusa-plugin-iap.withIapErrors")

type Handler = (req: any, res: MedusaResponse, next?: MedusaNextFunction) => unknown

/**
 * Wraps a route handler or middleware of the IAP API so its errors are answered by
 * `answerIapError`; any other error goes on to Medusa's error handler (400/404...).
 *
 * @example
 * export const POST = withIapErrors(async (req, res) => { ... })
 */
export function withIapErrors<H extends Handler>(handler: H): H {
  const wrapped = async (req: MedusaRequest, res: MedusaResponse, next?: MedusaNextFunction) => {
    try {
      return await handler(req, res, next)
    } catch (e) {
      if (answerIapError(e, req, res)) return
      throw e
    }
  }
  ;(wrapped as any)[IAP_ERRORS] = true
  return wrapped as unknown as H
}
