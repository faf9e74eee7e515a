import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromDb, toDecimal } from "../../modules/iap/utils/amount"
import type { ClawbackPlanLine, ClawbackSource } from "../utils/refund-clawbacks"
import { iapModule } from "./utils"

export const collectOrderClawbacksStepId = "iap-collect-order-clawbacks"

export type CollectedOrderClawbacks = {
  order_id: string | null
  /** The order's credit-pack lines in order (the last one is taken back first). */
  lines: ClawbackPlanLine[]
  /** Captures, refunds and received returns of the order, with their times. */
  sources: ClawbackSource[]
  /** The lot each pack line bought (lines without a lot have nothing to take back). */
  lots: { line_item_id: string; lot_id: string; account_id: string }[]
}

// The order-level "total" makes the Order Module compute item totals too (else "items.total" is empty).
const ORDER_FIELDS = [
  "id", "total", "items.id", "items.created_at", "items.variant_id", "items.total", "items.quantity", "items.detail.quantity",
  "payment_collections.payments.captures.id", "payment_collections.payments.captures.amount",
  "payment_collections.payments.captures.created_at", "payment_collections.payments.refunds.id",
  "payment_collections.payments.refunds.amount", "payment_collections.payments.refunds.created_at",
]
const iso = (d: unknown) => new Date(d as string).toISOString()
const text = (v: unknown) => String((v as any)?.value ?? v ?? 0)

/**
 * Reads what decides an order's clawbacks: its pack lines (credits, quantity, total), every
 * capture and refund of its payments, the items of its received returns, and the lots its
 * lines bought. An unknown order yields nothing to do.
 *
 * @example
 * const collected = collectOrderClawbacksStep({ order_id: "order_1" })
 */
export const collectOrderClawbacksStep = createStep(
  collectOrderClawbacksStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const none: CollectedOrderClawbacks = { order_id: null, lines: [], sources: [], lots: [] }
    const { data: [order] } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.order_id } })
    if (!order) return new StepResponse(none)
    // Lines keep the order's own item order (how the dashboard lists them; items placed
    // together share a creation time), later additions (order edits) after.
    const items = ((order.items ?? []).filter(Boolean) as any[]).sort((a, b) => iso(a.created_at).localeCompare(iso(b.created_at)))
    const variantIds = [...new Set(items.map((i) => i.variant_id).filter(Boolean))]
    const { data: variants } = variantIds.length
      ? await query.graph({ entity: "product_variant", fields: ["id", "iap_credit_pack.credits", "iap_credit_pack.raw_credits", "iap_credit_pack.service_id"], filters: { id: variantIds } })
      : { data: [] as any[] }
    const packOf = new Map(variants.filter((v: any) => v.iap_credit_pack).map((v: any) => [v.id, v.iap_credit_pack]))
    const packItems = items.filter((i) => packOf.has(i.variant_id))
    if (!packItems.length) return new StepResponse({ ...none, order_id: order.id })

    const iap = iapModule(container)
    const serviceIds = [...new Set(packItems.map((i) => packOf.get(i.variant_id).service_id))]
    const services = await iap.listIapServices({ id: serviceIds }, { select: ["id", "integer_credits"] })
    const integer = new Map(services.map((s) => [s.id, s.integer_credits]))
    const lines: ClawbackPlanLine[] = packItems.map((i) => {
      const pack = packOf.get(i.variant_id)
      const quantity = Number(i.detail?.quantity ?? i.quantity)
      const credits = fromDb(text(pack.raw_credits ?? pack.credits)) * BigInt(quantity)
      return { line_item_id: i.id, credits: toDecimal(credits), quantity, total: text(i.total), integer_credits: !!integer.get(pack.service_id) }
    })

    const sources: ClawbackSource[] = []
    for (const payment of (order.payment_collections ?? []).flatMap((pc: any) => pc?.payments ?? []).filter(Boolean) as any[]) {
      for (const c of payment.captures ?? []) sources.push({ type: "capture", id: c.id, at: iso(c.created_at), amount: text(c.amount) })
      for (const r of payment.refunds ?? []) sources.push({ type: "refund", id: r.id, at: iso(r.created_at), amount: text(r.amount) })
    }
    const { data: returns } = await query.graph({
      entity: "return",
      fields: ["id", "created_at", "received_at", "updated_at", "items.item_id", "items.received_quantity"],
      filters: { order_id: order.id },
    })
    for (const r of returns as any[]) {
      const received = (r.items ?? []).filter((i: any) => Number(i?.received_quantity ?? 0) > 0)
      if (!received.length) continue
      sources.push({
        type: "return", id: r.id, at: iso(r.received_at ?? r.updated_at ?? r.created_at),
        items: received.map((i: any) => ({ line_item_id: i.item_id, quantity: Number(i.received_quantity) })),
      })
    }

    const lots = await iap.listIapCreditLots({ source_type: "purchase", source_id: lines.map((l) => l.line_item_id) }, { select: ["id", "source_id", "account_id"] })
    return new StepResponse<CollectedOrderClawbacks>({
      order_id: order.id,
      lines,
      sources,
      lots: lots.map((l: any) => ({ line_item_id: l.source_id, lot_id: l.id, account_id: l.account_id })),
    })
  }
)
