import { withIapErrors } from "../../utils/iap-errors"
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { InsufficientCreditsError } from "../../../modules/iap/errors"
import type { IapOdooRpcError, IapOdooRpcResponse } from "../../../types/http/odoo"
import { iapService } from "../../utils/portal"
import { odooCreditsUrl } from "./odoo-accounts"

/**
 * JSON-RPC 2.0 as Odoo's IAP client speaks it: `{ jsonrpc: "2.0", method: "call", params, id }`
 * in, `{ jsonrpc, id, result }` or `{ jsonrpc, id, error: { code, message, data: { name, message } } }`
 * out, always with HTTP 200. Odoo's client raises its own exception for a `data.name` ending in
 * `InsufficientCreditError`, `AccessError` or `UserError`, and treats anything else (another
 * name, a non-2xx answer) as a connection error. Every error of `/iap/1/*` is mapped here.
 */

/** The three exceptions an Odoo client knows, by the names its code compares. */
export const ODOO_ERROR_NAMES = {
  InsufficientCreditError: "odoo.addons.iap.tools.iap_tools.InsufficientCreditError",
  AccessError: "odoo.exceptions.AccessError",
  UserError: "odoo.exceptions.UserError",
} as const

export type OdooErrorKind = keyof typeof ODOO_ERROR_NAMES

/** What the error mapping needs to know of a call: its params (token, database). */
export type OdooCall<P> = { id: unknown; params: P }

/**
 * One place for the error mapping. InsufficientCreditError carries, as Odoo expects, a JSON
 * string (Odoo's code `json.loads` it and may add a `body`): the service, the credits asked,
 * the credits available and the buy link. Errors we did not foresee (database down) return
 * null: they go to Medusa's error handler (a 5xx, which Odoo reads as a connection error).
 * Authentication and unknown names (key, hold, token) → AccessError; bad data, a state that
 * forbids the call (suspended account, archived service, resolved hold, reused key) → UserError.
 */
function toOdooError(req: MedusaRequest, params: Record<string, any>, e: unknown): IapOdooRpcError | null {
  if (InsufficientCreditsError.is(e)) {
    const url = odooCreditsUrl(iapService(req).getOptions().creditsUrl, {
      service: e.service,
      credits: e.required,
      account: e.account_id,
      token: typeof params.account_token === "string" ? params.account_token : "",
      dbuuid: typeof params.dbuuid === "string" ? params.dbuuid : "",
    })
    const body = { service_name: e.service, credit: e.required, available: e.available, credits_url: url }
    return rpcError("InsufficientCreditError", JSON.stringify(body))
  }
  const type = (e as MedusaError)?.type
  if (type === MedusaError.Types.NOT_FOUND || type === MedusaError.Types.UNAUTHORIZED || type === MedusaError.Types.FORBIDDEN) {
    return rpcError("AccessError", (e as Error).message)
  }
  if (
    type === MedusaError.Types.INVALID_DATA ||
    type === MedusaError.Types.NOT_ALLOWED ||
    type === MedusaError.Types.CONFLICT ||
    type === MedusaError.Types.DUPLICATE_ERROR
  ) {
    return rpcError("UserError", (e as Error).message)
  }
  return null
}

function rpcError(kind: OdooErrorKind, message: string, code = 200): IapOdooRpcError {
  return { code, message: "IAP Server Error", data: { name: ODOO_ERROR_NAMES[kind], message } }
}

/** The JSON-RPC id to echo: a string, a number or null (JSON-RPC 2.0). */
function envelopeId(body: any): string | number | null {
  const id = body?.id
  return typeof id === "string" || typeof id === "number" ? id : null
}

/**
 * A `/iap/1/*` POST route: checks the envelope, validates `params` with `schema` (a bad field
 * is a UserError naming it), runs `handler` and answers its value as `result`.
 *
 * @example
 * export const POST = odooRpc(OdooBalance, async (req, { params }) => 42)
 */
export function odooRpc<S extends z.ZodType, R>(schema: S, handler: (req: MedusaRequest, call: OdooCall<z.infer<S>>) => Promise<R>) {
  // Errors no JSON-RPC answer fits (a lost database connection) go through withIapErrors: a
  // 503 with Retry-After, which an Odoo client reads as a connection error and may retry.
  return withIapErrors(async (req: MedusaRequest, res: MedusaResponse<IapOdooRpcResponse<R>>) => {
    const body = req.body as any
    const id = envelopeId(body)
    const answer = (payload: { result: R } | { error: IapOdooRpcError }) => res.status(200).json({ jsonrpc: "2.0", id, ...payload })
    if (!body || typeof body !== "object" || Array.isArray(body) || body.jsonrpc !== "2.0" || body.method !== "call") {
      answer({ error: rpcError("UserError", 'Invalid JSON-RPC request: send { "jsonrpc": "2.0", "method": "call", "params": {…}, "id": … }', -32600) })
      return
    }
    const parsed = schema.safeParse(body.params ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const field = issue.path.length ? `params.${issue.path.join(".")}` : "params"
      answer({ error: rpcError("UserError", `${field}: ${issue.message}`, -32602) })
      return
    }
    try {
      answer({ result: await handler(req, { id: body.id, params: parsed.data }) })
    } catch (e) {
      const error = toOdooError(req, parsed.data as Record<string, any>, e)
      if (!error) throw e
      answer({ error })
    }
  })
}
