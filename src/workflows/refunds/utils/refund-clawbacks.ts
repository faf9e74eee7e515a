import { max, min, SCALE, toDecimal } from "../../../modules/iap/utils/amount"
import { priceTo4Places } from "../../packs/utils/credit-packs"

/** A credit-pack line of an order, as the clawback plan sees it. */
export type ClawbackPlanLine = {
  line_item_id: string
  /** Credits the line bought (pack credits × quantity), exact decimal. */
  credits: string
  quantity: number
  /** What the line cost, in the order's currency (its total). */
  total: string
  /** The service counts whole credits: clawbacks round down to whole credits. */
  integer_credits: boolean
}

/** What moved an order's money or goods, read from Medusa: captures, refunds, received returns. */
export type ClawbackSource =
  | { type: "capture"; id: string; at: string; amount: string }
  | { type: "refund"; id: string; at: string; amount: string }
  | { type: "return"; id: string; at: string; items: { line_item_id: string; quantity: number }[] }

export type PlannedClawback = {
  line_item_id: string
  /** The refund or return that last raised the line's target. */
  reference_type: "refund" | "return"
  reference_id: string
  /** Credits the line's refunds and returns take back in all (exact decimal, > 0). */
  up_to: string
  /** `clawback:<refund or return id>:<line item id>:<up_to>`: one per target reached. */
  idempotency_key: string
}

const ORDER: Record<ClawbackSource["type"], number> = { capture: 0, refund: 1, return: 2 }

/** Money as 1/10_000 units (prices beyond 4 places round half up, as the pack lots store them). */
function money(value: string): bigint {
  const text = priceTo4Places(value)
  if (text === null) return 0n
  const [whole, frac = ""] = text.split(".")
  return BigInt(whole) * SCALE + BigInt(frac.padEnd(4, "0"))
}

function credits(value: string): bigint {
  return money(value)
}

function roundDown(units: bigint, integer: boolean): bigint {
  return integer ? units - (units % SCALE) : units
}

/**
 * How many credits each pack line of an order must have given back, given its history (refunds
 * and returns take back what they paid for). Sources are replayed in time order; after each
 * refund, the pack value no longer paid for is `max(0, pack lines' total − (captured −
 * refunded))` (the order's other items count as paid first), spread over the pack lines from
 * the last one, and converted to credits at each line's price (`credits × value ÷ total`,
 * rounded down to the service's precision). A received return takes back its items' credits.
 * A line's target only grows (the larger of the two). The clawback brings the line's lot up to
 * its target under the account lock, so it is cumulative: a redelivered event finds the same
 * key, a run that sees more history claws back only the difference, and any order of events
 * ends at the same total.
 *
 * @example
 * planClawbacks(lines, [{ type: "capture", … amount: "10" }, { type: "refund", id: "ref_1", … amount: "4" }])
 * // [{ line_item_id: "ordli_1", reference_id: "ref_1", up_to: "40", idempotency_key: "clawback:ref_1:ordli_1:40" }]
 */
export function planClawbacks(lines: ClawbackPlanLine[], sources: ClawbackSource[]): PlannedClawback[] {
  const packTotal = lines.reduce((s, l) => s + money(l.total), 0n)
  const sorted = [...sources].sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.type] - ORDER[b.type] || a.id.localeCompare(b.id))
  const target = new Map(lines.map((l) => [l.line_item_id, { up_to: 0n, source: null as ClawbackSource | null }]))
  const returned = new Map(lines.map((l) => [l.line_item_id, 0]))
  let captured = 0n
  let refunded = 0n
  for (const source of sorted) {
    if (source.type === "capture") {
      captured += money(source.amount)
      continue
    }
    if (source.type === "refund") refunded += money(source.amount)
    else {
      for (const item of source.items) {
        if (returned.has(item.line_item_id)) returned.set(item.line_item_id, returned.get(item.line_item_id)! + item.quantity)
      }
    }
    let unpaid = max(0n, packTotal - (captured - refunded))
    for (const line of [...lines].reverse()) {
      const total = money(line.total)
      const bought = credits(line.credits)
      const value = min(unpaid, total)
      unpaid -= value
      const byRefund = total > 0n ? roundDown((bought * value) / total, line.integer_credits) : 0n
      const qty = Math.min(returned.get(line.line_item_id)!, line.quantity)
      const byReturn = line.quantity > 0 ? roundDown((bought * BigInt(qty)) / BigInt(line.quantity), line.integer_credits) : 0n
      const t = target.get(line.line_item_id)!
      const next = max(byRefund, byReturn)
      if (next > t.up_to) target.set(line.line_item_id, { up_to: next, source })
    }
  }
  const planned: PlannedClawback[] = []
  for (const line of [...lines].reverse()) {
    const { up_to, source } = target.get(line.line_item_id)!
    if (!source || source.type === "capture") continue
    planned.push({
      line_item_id: line.line_item_id,
      reference_type: source.type,
      reference_id: source.id,
      up_to: toDecimal(up_to),
      idempotency_key: `clawback:${source.id}:${line.line_item_id}:${toDecimal(up_to)}`,
    })
  }
  return planned
}
