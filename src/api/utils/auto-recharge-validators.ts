import { z } from "@medusajs/framework/zod"
import { amountField } from "./portal-validators"

// Validators only (no workflow imports): the admin dashboard type-checks its request bodies
// against them.

const id = (field: string) => z.string({ error: `${field} is required` }).trim().min(1, `${field} is required`).max(255)
const cap = z.number().int().positive().max(1000)

/** Auto-recharge settings as the store and admin API take them (docs/auto-recharge.md). */
export const UpsertAutoRecharge = z
  .object({
    enabled: z.boolean().optional(),
    variant_id: id("variant_id"),
    quantity: z.number().int().positive().max(1000).optional(),
    trigger: amountField("trigger"),
    monthly_count_cap: cap.nullish(),
    monthly_amount_cap: amountField("monthly_amount_cap").nullish(),
    region_id: id("region_id"),
    provider_id: id("provider_id"),
    payment_method_id: id("payment_method_id"),
  })
  .strict()
export type UpsertAutoRechargeType = z.infer<typeof UpsertAutoRecharge>

export const GetAutoRechargeParams = z.object({}).strict()
