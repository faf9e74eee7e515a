import { fromDb, toDecimal } from "../../../modules/iap/utils/amount"
import type { ClawbackPlanLine, ClawbackSource } from "./refund-clawbacks"

const iso = (d: unknown) => new Date(d as string).toISOString()
/** A Medusa amount (number, numeric text or `{ value }`) as text. */
const text = (v: unknown) => String((v as any)?.value ?? v ?? 0)

/**
 * The credit-pack lines of an order as `planClawbacks` reads them, in the order's own item
 * order (how the dashboard lists them; items placed together share a creation time) with
 * later additions (order edits) after.
 *
 * @example
 * clawbackLines(order.items, packOfVariant, new Map([["iapsvc_1", true]])) // [{ line_item_id, credits: "1000", total: "80", … }]
 */
export function clawbackLines(items: any[], packOf: Map<string, any>, integerOf: Map<string, boolean>): ClawbackPlanLine[] {
  return [...items]
    .sort((a, b) => iso(a.created_at).localeCompare(iso(b.created_at)))
    .filter((i) => packOf.has(i.variant_id))
    .map((i) => {
      const pack = packOf.get(i.variant_id)
      const quantity = Number(i.detail?.quantity ?? i.quantity)
      const credits = fromDb(text(pack.raw_credits ?? pack.credits)) * BigInt(quantity)
      return { line_item_id: i.id, credits: toDecimal(credits), quantity, total: text(i.total), integer_credits: !!integerOf.get(pack.service_id) }
    })
}

/**
 * What moved an order's money and goods, with times: every capture and refund of its payments
 * and every return with received items (timed by its receipt).
 *
 * @example
 * clawbackSources(order.payment_collections, returns) // [{ type: "capture", … }, { type: "refund", … }]
 */
export function clawbackSources(paymentCollections: any[] | null | undefined, returns: any[]): ClawbackSource[] {
  const sources: ClawbackSource[] = []
  for (const payment of (paymentCollections ?? []).flatMap((pc: any) => pc?.payments ?? []).filter(Boolean)) {
    for (const c of payment.captures ?? []) sources.push({ type: "capture", id: c.id, at: iso(c.created_at), amount: text(c.amount) })
    for (const r of payment.refunds ?? []) sources.push({ type: "refund", id: r.id, at: iso(r.created_at), amount: text(r.amount) })
  }
  for (const r of returns) {
    const received = (r.items ?? []).filter((i: any) => Number(i?.received_quantity ?? 0) > 0)
    if (!received.length) continue
    sources.push({
      type: "return",
      id: r.id,
      at: iso(r.received_at ?? r.updated_at ?? r.created_at),
      items: received.map((i: any) => ({ line_item_id: i.item_id, quantity: Number(i.received_quantity) })),
    })
  }
  return sources
}
