import { z } from "@medusajs/framework/zod"
import { ODOO_DBUUID, ODOO_TOKEN } from "../../../modules/iap/utils/odoo"
import { parseAmount } from "../../../modules/iap/utils/amount"

/**
 * `params` of the Odoo IAP protocol's calls, as Odoo's `iap_tools` and `iap.account` send them.
 * Odoo sends `null` (Python `None`) for an unset description; unknown params are refused.
 */

const amount = (field: string, opts: { allowZero?: boolean } = {}) =>
  z.union([z.number(), z.string()]).superRefine((value, ctx) => {
    try {
      parseAmount(value, { field, allowZero: opts.allowZero })
    } catch (e) {
      ctx.addIssue({ code: "custom", message: (e as Error).message })
    }
  })

export const odooToken = z.string().regex(ODOO_TOKEN, "must be 16 to 200 printable characters without spaces")
export const odooDbuuid = z.string().regex(ODOO_DBUUID, "must be the Odoo database's UUID (database.uuid)")
const serviceKey = z.string().min(1).max(200)
const serviceName = z.string().min(1).max(63)
/** The hold id we answered to authorize. */
const transactionToken = z.string().min(1).max(100)

export const OdooAuthorize = z
  .object({
    account_token: odooToken,
    credit: amount("credit"),
    key: serviceKey,
    description: z.string().max(1000).nullish(),
    /** Hours, as Odoo counts them (default 4320 = 180 days); longer is capped at 180 days. */
    ttl: z.number().positive().nullish(),
    dbuuid: odooDbuuid.nullish(),
  })
  .strict()
export type OdooAuthorizeType = z.infer<typeof OdooAuthorize>

export const OdooCapture = z
  .object({ token: transactionToken, key: serviceKey, credit_to_capture: amount("credit_to_capture", { allowZero: true }) })
  .strict()
export type OdooCaptureType = z.infer<typeof OdooCapture>

export const OdooCancel = z.object({ token: transactionToken, key: serviceKey }).strict()
export type OdooCancelType = z.infer<typeof OdooCancel>

export const OdooBalance = z
  .object({ dbuuid: odooDbuuid.nullish(), account_token: odooToken, service_name: serviceName })
  .strict()
export type OdooBalanceType = z.infer<typeof OdooBalance>

export const OdooAccountsInformation = z
  .object({
    iap_accounts: z.array(z.object({ token: odooToken, service: serviceName }).strict()).max(100),
    dbuuid: odooDbuuid.nullish(),
  })
  .strict()
export type OdooAccountsInformationType = z.infer<typeof OdooAccountsInformation>

export const OdooWarningAlerts = z
  .object({
    account_token: odooToken,
    warning_threshold: amount("warning_threshold", { allowZero: true }),
    warning_emails: z.array(z.object({ email: z.string().max(254), lang_code: z.string().max(20).nullish() }).strict()).max(10),
  })
  .strict()
export type OdooWarningAlertsType = z.infer<typeof OdooWarningAlerts>

/** `GET /iap/1/credit`: the query string Odoo's `get_credits_url` builds. */
export const OdooCreditQuery = z
  .object({
    dbuuid: odooDbuuid,
    service_name: serviceName,
    account_token: odooToken,
    credit: amount("credit", { allowZero: true }).optional(),
    trial: z.string().max(10).optional(),
  })
  .strict()
export type OdooCreditQueryType = z.infer<typeof OdooCreditQuery>
