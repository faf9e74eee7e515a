import { MedusaError } from "@medusajs/framework/utils"
import type { CreateCreditPackProductInput } from "../../../types"
import type { ValidCreditPack } from "../steps/validate-credit-packs"

export const PACK_OPTION_TITLE = "Pack"

/**
 * The variant title of each pack: its own `title`, else "<credits> <unit name>" ("500 SMS").
 * Titles must differ: they are the values of the product's "Pack" option.
 *
 * @example
 * packTitles(input, valid) // ["100 SMS", "500 SMS"]
 */
export function packTitles(input: CreateCreditPackProductInput, valid: ValidCreditPack[]): string[] {
  const titles = valid.map((p, i) => input.packs[i].title?.trim() || `${Number(p.credits)} ${p.service.unit_name}`)
  const seen = new Set<string>()
  for (const t of titles) {
    if (seen.has(t)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Each pack of a product needs its own title: two packs are titled "${t}"`)
    }
    seen.add(t)
  }
  return titles
}

/**
 * `createProductsWorkflow` input for a product selling one service's packs. Variants manage
 * no inventory; the workflow adds the digital delivery's shipping profile when there is one
 * (Medusa derives a line's `requires_shipping` from the profile and the inventory).
 *
 * @example
 * createProductsWorkflow.runAsStep({ input: { products: [creditPackProductData(input, valid, "published")] } })
 */
export function creditPackProductData(input: CreateCreditPackProductInput, valid: ValidCreditPack[], fallbackStatus: string) {
  if (!valid.length) throw new MedusaError(MedusaError.Types.INVALID_DATA, "packs must hold at least one pack")
  const titles = packTitles(input, valid)
  return {
    title: input.title,
    handle: input.handle,
    description: input.description ?? undefined,
    thumbnail: input.thumbnail ?? undefined,
    status: (input.status ?? fallbackStatus) as any,
    is_giftcard: false,
    options: [{ title: PACK_OPTION_TITLE, values: titles }],
    variants: valid.map((_, i) => ({
      title: titles[i],
      sku: input.packs[i].sku ?? undefined,
      manage_inventory: false,
      allow_backorder: false,
      options: { [PACK_OPTION_TITLE]: titles[i] },
      prices: input.packs[i].prices.map((p) => ({ currency_code: p.currency_code.toLowerCase(), amount: p.amount })),
    })),
    sales_channels: (input.sales_channel_ids ?? []).map((id) => ({ id })),
  }
}
