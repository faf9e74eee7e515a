/** A lot as the draw-down planner sees it. Amounts are units (see amount.ts). */
export type DrawableLot = {
  id: string
  /** remaining − reserved: what a new debit or hold may take. */
  free: bigint
  expires_at: Date | null
  category: "paid" | "promotional"
  created_at: Date
}

export type DrawPortion = { lot_id: string; amount: bigint }

/**
 * Orders lots for consumption (docs/rules.md §3): soonest expiry first and never-expiring last,
 * then promotional before paid, then oldest first.
 *
 * @example
 * sortForDrawDown(lots)[0] // the lot a debit takes from first
 */
export function sortForDrawDown<T extends Omit<DrawableLot, "free">>(lots: T[]): T[] {
  return [...lots].sort((a, b) => {
    const ea = a.expires_at ? a.expires_at.getTime() : Infinity
    const eb = b.expires_at ? b.expires_at.getTime() : Infinity
    if (ea !== eb) return ea < eb ? -1 : 1
    if (a.category !== b.category) return a.category === "promotional" ? -1 : 1
    const ca = a.created_at.getTime()
    const cb = b.created_at.getTime()
    if (ca !== cb) return ca - cb
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

/**
 * Plans which lots cover `amount`. What no lot covers is returned as `uncovered`
 * (it becomes debt when the account's overdraft allows it).
 *
 * @example
 * planDrawDown([{ id: "a", free: 5n, ... }], 7n) // { portions: [{ lot_id: "a", amount: 5n }], uncovered: 2n }
 */
export function planDrawDown(lots: DrawableLot[], amount: bigint): { portions: DrawPortion[]; uncovered: bigint } {
  const portions: DrawPortion[] = []
  let left = amount
  for (const lot of sortForDrawDown(lots)) {
    if (left === 0n) break
    if (lot.free <= 0n) continue
    const take = lot.free < left ? lot.free : left
    portions.push({ lot_id: lot.id, amount: take })
    left -= take
  }
  return { portions, uncovered: left }
}
