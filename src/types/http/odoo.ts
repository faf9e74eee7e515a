/**
 * HTTP bodies of the Odoo IAP protocol (`/iap/1/...`, JSON-RPC 2.0) and of the routes that link
 * Odoo databases' tokens (store and admin).
 */
import type { IapOdooRegistration, IapOdooTokenDTO } from "../odoo"

export type IapOdooRpcError = {
  /** 200 for an application error (as Odoo servers answer), -32600 / -32602 for a bad envelope / bad params. */
  code: number
  message: string
  data: {
    /** Ends in `InsufficientCreditError`, `AccessError` or `UserError`: what an Odoo client raises. */
    name: string
    /** For InsufficientCreditError a JSON string: `{ service_name, credit, available, credits_url }`. */
    message: string
  }
}

export type IapOdooRpcResponse<R> =
  | { jsonrpc: "2.0"; id: string | number | null; result: R }
  | { jsonrpc: "2.0"; id: string | number | null; error: IapOdooRpcError }

/** `/iap/1/get-accounts-information`: one entry per token asked. */
export type IapOdooAccountInformation = {
  balance: number
  warning_threshold: number
  registered: IapOdooRegistration
  /** The buy-credits link of this token (the storefront page, through `GET /iap/1/credit`'s template). */
  link_to_service_page: string
}

export type IapOdooCaptureResult = { token: string; status: "captured"; credit_captured: number }
export type IapOdooCancelResult = { token: string; status: "canceled" }
export type IapOdooWarningResult = { warning_threshold: number; warning_emails: string[] }

export type IapOdooTokenResponse = { odoo_token: IapOdooTokenDTO }
export type IapOdooTokenListResponse = { odoo_tokens: IapOdooTokenDTO[]; count: number; limit: number; offset: number }
