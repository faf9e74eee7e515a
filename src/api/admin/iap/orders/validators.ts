import { z } from "@medusajs/framework/zod"

export const AdminGetOrderIapCreditsParams = z.object({}).strict()
export type AdminGetOrderIapCreditsParamsType = z.infer<typeof AdminGetOrderIapCreditsParams>
