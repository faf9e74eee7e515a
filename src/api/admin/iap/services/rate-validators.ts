import { z } from "@medusajs/framework/zod"
import { dateTimeParam } from "../../../utils/portal-validators"

/** Rates as the rate card API takes them; amounts are checked (and errors named) by the module. */
const amount = z.union([z.number(), z.string().max(40)])

const tier = z.object({ up_to: amount.nullable(), unit_credits: amount }).strict()

const rate = z
  .object({
    metric: z.string().max(63),
    dimensions: z.record(z.string().max(63), z.string().max(100)).optional(),
    unit_credits: amount.nullish(),
    tiers: z.array(tier).max(20).nullish(),
  })
  .strict()

const validFrom = dateTimeParam("valid_from").nullish()
const note = z.string().max(1000).nullish()

export const AdminCreateRateVersion = z.object({ valid_from: validFrom, note, rates: z.array(rate).max(5000) }).strict()
export type AdminCreateRateVersionType = z.infer<typeof AdminCreateRateVersion>

export const AdminUpdateRateVersion = z.object({ valid_from: validFrom, note, rates: z.array(rate).max(5000).optional() }).strict()
export type AdminUpdateRateVersionType = z.infer<typeof AdminUpdateRateVersion>

/** A CSV file's text (see the module's utils/rate-csv.ts for its columns), as a new version. */
export const AdminImportRateVersion = z.object({ valid_from: validFrom, note, csv: z.string().min(1).max(2_000_000) }).strict()
export type AdminImportRateVersionType = z.infer<typeof AdminImportRateVersion>

/** Rate card reads take no query parameters (no `fields`: the shape is fixed). */
export const AdminGetRateVersionParams = z.object({}).strict()
