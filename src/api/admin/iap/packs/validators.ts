import { z } from "@medusajs/framework/zod"
import { parseAmount } from "../../../../modules/iap/utils/amount"
import { fieldsParam, orderParam, paginationParams } from "../../../utils/portal-validators"
import { defaultAdminCreditPackFields } from "./query-config"

/** Credits of a pack: a JSON number or decimal string, > 0, ≤ 10^12, at most 4 decimals (docs/rules.md rule 2). */
const credits = z.union([z.number(), z.string()]).superRefine((value, ctx) => {
  try {
    parseAmount(value, { field: "credits" })
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message })
  }
})
const expiresAfterDays = z.number().int().min(1).max(36500).nullish()
const category = z.enum(["paid", "promotional"])
const metadata = z.record(z.string(), z.unknown()).nullish()
const id = z.string().trim().min(1).max(100)

export const AdminCreateCreditPack = z
  .object({ service_id: id, variant_id: id, credits, expires_after_days: expiresAfterDays, category: category.optional(), metadata })
  .strict()
export type AdminCreateCreditPackType = z.infer<typeof AdminCreateCreditPack>

export const AdminUpdateCreditPack = z
  .object({ credits: credits.optional(), expires_after_days: expiresAfterDays, category: category.optional(), metadata })
  .strict()
export type AdminUpdateCreditPackType = z.infer<typeof AdminUpdateCreditPack>

const price = z
  .object({ currency_code: z.string().trim().length(3).toLowerCase(), amount: z.number().nonnegative() })
  .strict()

export const AdminCreateCreditPackProduct = z
  .object({
    service_id: id,
    title: z.string().trim().min(1).max(255),
    handle: z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "handle must be lowercase words joined by hyphens").optional(),
    description: z.string().max(5000).nullish(),
    thumbnail: z.string().url().nullish(),
    status: z.enum(["draft", "published"]).optional(),
    sales_channel_ids: z.array(id).max(50).optional(),
    packs: z
      .array(
        z
          .object({
            credits,
            title: z.string().trim().min(1).max(255).optional(),
            sku: z.string().trim().min(1).max(255).nullish(),
            expires_after_days: expiresAfterDays,
            category: category.optional(),
            prices: z.array(price).min(1).max(50),
            metadata,
          })
          .strict()
      )
      .min(1)
      .max(50),
  })
  .strict()
export type AdminCreateCreditPackProductType = z.infer<typeof AdminCreateCreditPackProduct>

export const AdminGetCreditPack = z.object({ fields: fieldsParam(defaultAdminCreditPackFields).optional() }).strict()
export type AdminGetCreditPackType = z.infer<typeof AdminGetCreditPack>

export const AdminListCreditPacks = z
  .object({
    fields: fieldsParam(defaultAdminCreditPackFields).optional(),
    ...paginationParams,
    order: orderParam(["created_at", "updated_at", "credits"]).optional(),
    service_id: z.union([id, z.array(id)]).optional(),
    variant_id: z.union([id, z.array(id)]).optional(),
  })
  .strict()
export type AdminListCreditPacksType = z.infer<typeof AdminListCreditPacks>
