import { z } from "@medusajs/framework/zod"

export const StoreListCreditPacks = z
  .object({
    /** Prices for this region (and its currency). */
    region_id: z.string().trim().min(1).max(100).optional(),
    /** Prices in this currency, when no region is given (or to override the region's). */
    currency_code: z.string().trim().length(3).toLowerCase().optional(),
    /** Only the packs of this service (technical name). */
    service: z.string().trim().min(1).max(63).optional(),
  })
  .strict()
export type StoreListCreditPacksType = z.infer<typeof StoreListCreditPacks>
