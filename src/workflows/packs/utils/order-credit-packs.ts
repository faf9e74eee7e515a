import { fromDb, SCALE, toDecimal } from "../../../modules/iap/utils/amount"
import { priceTo4Places } from "./credit-packs"

export type OrderPackLine = {
  line_item_id: string
  quantity: number
  title: string
  /** The line's unit price (price of one pack), exact to 4 places. */
  unit_price: string | null
  pack: { id: string; service_id: string; credits: string; expires_after_days: number | null; category: "paid" | "promotional" }
  /** credits × quantity, exact. */
  total_credits: string
}

/**
 * The credit-pack lines of an order: items whose variant is linked to a pack, with the credits
 * they grant. Quantities are read from the item detail, where an order keeps them.
 *
 * @example
 * orderPackLines(order.items, new Map([["variant_1", pack]])) // [{ line_item_id, total_credits: "1000", ... }]
 */
export function orderPackLines(items: any[], packOfVariant: Map<string, any>): OrderPackLine[] {
  return items
    .filter((i) => packOfVariant.has(i.variant_id))
    .map((i) => {
      const pack = packOfVariant.get(i.variant_id)
      const credits = fromDb(String(pack.raw_credits?.value ?? pack.credits))
      const quantity = fromDb(String(i.detail?.raw_quantity?.value ?? i.detail?.quantity ?? i.quantity))
      return {
        line_item_id: i.id,
        quantity: Number(i.detail?.quantity ?? i.quantity),
        title: i.variant_title ? `${i.title} (${i.variant_title})` : i.title,
        unit_price: priceTo4Places(i.raw_unit_price?.value ?? i.unit_price),
        pack: {
          id: pack.id, service_id: pack.service_id, credits: toDecimal(credits),
          expires_after_days: pack.expires_after_days ?? null, category: pack.category ?? "paid",
        },
        total_credits: toDecimal((credits * quantity) / SCALE),
      }
    })
}

/**
 * Whether an order's payment is fully captured: it has live (not canceled) payments and each
 * has `captured_at` (Medusa sets it once a payment is captured in full).
 *
 * @example
 * isFullyCaptured(order) // true after POST /admin/payments/:id/capture
 */
export function isFullyCaptured(order: { payment_collections?: any[] | null }): boolean {
  const payments = (order.payment_collections ?? []).flatMap((pc) => pc?.payments ?? []).filter((p: any) => p && !p.canceled_at)
  return payments.length > 0 && payments.every((p: any) => !!p.captured_at)
}
