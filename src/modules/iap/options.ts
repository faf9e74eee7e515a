import { MedusaError } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"

export const MAX_HOLD_TTL_SECONDS = 180 * 24 * 3600

/** The plugin options (`plugins: [{ resolve: "medusa-plugin-iap", options }]`). */
export const IapOptionsSchema = z.object({
  /** When bought credits become spendable. */
  grantOn: z.enum(["payment_captured", "order_placed"]).default("payment_captured"),
  /**
   * "Buy credits" link of a 402; `{service}`, `{credits}` and `{account}` are replaced, and for
   * an Odoo database (the Odoo IAP protocol) `{token}` and `{dbuuid}` too (empty elsewhere).
   */
  creditsUrl: z.string().min(1).default("/credits?service={service}&credits={credits}"),
  /** Whether third-party providers may call the provider API. */
  thirdPartyServices: z.enum(["enabled", "disabled"]).default("enabled"),
  /** Default hold lifetime when neither the call nor the service sets one. */
  holdTtlSeconds: z.number().int().positive().max(MAX_HOLD_TTL_SECONDS).default(900),
  /** Whether Odoo databases and Odoo apps' `iap_tools` may use the store as their IAP server (`/iap/1/...`). */
  odooProtocol: z.enum(["enabled", "disabled"]).default("disabled"),
  /** Notification template of low-balance warnings. */
  warningEmailTemplate: z.string().min(1).default("iap-threshold-warning"),
  /** Auto-recharge (docs/auto-recharge.md): off stops every new recharge; retries wait `backoffHours`. */
  autoRecharge: z
    .object({
      enabled: z.boolean().default(true),
      /** Hours to wait before each retry of a declined recharge; after the last, auto-recharge switches off. */
      backoffHours: z.array(z.number().positive().max(24 * 31)).min(1).max(10).default([1, 6, 24]),
      /** Minutes a started recharge may run before the retry job resumes it (a crashed process). */
      resumeAfterMinutes: z.number().int().positive().max(24 * 60).default(10),
      templates: z
        .object({
          succeeded: z.string().min(1).default("iap-recharge-succeeded"),
          failed: z.string().min(1).default("iap-recharge-failed"),
          requiresAction: z.string().min(1).default("iap-recharge-requires-action"),
          capReached: z.string().min(1).default("iap-recharge-cap-reached"),
        })
        .strict()
        .prefault({}),
    })
    .strict()
    .prefault({}),
  /**
   * What a refund or return does with bought credits already used: "clamp" takes back what is
   * left and reports the shortfall, "debt" turns the shortfall into account debt.
   */
  refundPolicy: z.enum(["clamp", "debt"]).default("clamp"),
  /**
   * Whether a credit-pack line is fulfilled (through the plugin's "iap-digital" fulfilment
   * provider, when the host registers it) once its credits are available.
   */
  digitalFulfillment: z.enum(["enabled", "disabled"]).default("enabled"),
})

export type IapOptions = z.infer<typeof IapOptionsSchema>

/**
 * Validates plugin options, failing the app's start with a message naming the bad option.
 *
 * @example
 * parseIapOptions({ grantOn: "order_placed" }).holdTtlSeconds // 900
 */
export function parseIapOptions(raw: Record<string, unknown> | undefined): IapOptions {
  const known = Object.fromEntries(
    Object.entries(raw ?? {}).filter(([k]) => k in IapOptionsSchema.shape)
  )
  const parsed = IapOptionsSchema.safeParse(known)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `medusa-plugin-iap: invalid option ${issue.path.join(".")}: ${issue.message}`
    )
  }
  return parsed.data
}
