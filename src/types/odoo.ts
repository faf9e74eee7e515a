/**
 * Odoo IAP protocol (`/iap/1/...`): account tokens made by Odoo databases and linked to our
 * accounts, and the bodies of the routes that manage them.
 */

/** A link of an Odoo database's account token to one of our accounts. Never the token itself. */
export type IapOdooTokenDTO = {
  id: string
  account_id: string
  /** The service's technical name. */
  service: string
  customer_id: string | null
  /** The last characters of the token, to recognize it ("…9f3a"). */
  token_hint: string
  /** `database.uuid` of the Odoo database the token belongs to. */
  dbuuid: string
  /** The sales channel the link was made in (null: none); a restricted account needs it. */
  sales_channel_id: string | null
  created_at: string
  /** Null while the link works. */
  revoked_at: string | null
}

export type LinkOdooTokenInput = {
  account_id: string
  /** The token in plain text, as Odoo sends it; only its hash is kept. */
  token: string
  dbuuid: string
  sales_channel_id?: string | null
}

export type LinkOdooTokenResult = {
  odoo_token: IapOdooTokenDTO
  /** False when this token was already linked to this account for this database (nothing written). */
  created: boolean
}

export type IapOdooTokenFilters = {
  id?: string[]
  account_id?: string[]
  customer_id?: string[]
  service?: string[]
  dbuuid?: string[]
  /** true: revoked only; false: active only. */
  revoked?: boolean
}

/** Odoo's `iap.account` state of a token: `registered` once linked, `banned` when the account cannot be used. */
export type IapOdooRegistration = "registered" | "unregistered" | "banned"
