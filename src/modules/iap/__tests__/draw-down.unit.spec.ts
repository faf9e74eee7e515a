import { DrawableLot, planDrawDown, sortForDrawDown } from "../utils/draw-down"

/** docs/rules.md §3: soonest expiry first, never-expiring last, then promotional before paid, then oldest. */

const day = (n: number) => new Date(Date.UTC(2030, 0, 1 + n))

function lot(id: string, free: bigint, expiresDay: number | null, category: DrawableLot["category"], createdDay = 0): DrawableLot {
  return { id, free, expires_at: expiresDay === null ? null : day(expiresDay), category, created_at: day(createdDay) }
}

describe("sortForDrawDown", () => {
  it("orders by expiry, never-expiring last", () => {
    const lots = [lot("never", 1n, null, "promotional"), lot("d10", 1n, 10, "paid"), lot("d2", 1n, 2, "paid"), lot("d5", 1n, 5, "paid")]
    expect(sortForDrawDown(lots).map((l) => l.id)).toEqual(["d2", "d5", "d10", "never"])
  })

  it("puts promotional before paid at the same expiry, also among never-expiring lots", () => {
    const lots = [
      lot("paid-never", 1n, null, "paid"),
      lot("paid-d3", 1n, 3, "paid"),
      lot("promo-never", 1n, null, "promotional"),
      lot("promo-d3", 1n, 3, "promotional"),
    ]
    expect(sortForDrawDown(lots).map((l) => l.id)).toEqual(["promo-d3", "paid-d3", "promo-never", "paid-never"])
  })

  it("puts a sooner paid lot before a later promotional one (expiry beats category)", () => {
    const lots = [lot("promo-d9", 1n, 9, "promotional"), lot("paid-d1", 1n, 1, "paid")]
    expect(sortForDrawDown(lots).map((l) => l.id)).toEqual(["paid-d1", "promo-d9"])
  })

  it("takes the oldest first when expiry and category tie, then the id", () => {
    const lots = [
      lot("c", 1n, 4, "paid", 3),
      lot("a", 1n, 4, "paid", 1),
      lot("z", 1n, 4, "paid", 0),
      lot("b", 1n, 4, "paid", 1),
    ]
    expect(sortForDrawDown(lots).map((l) => l.id)).toEqual(["z", "a", "b", "c"])
  })

  it("expires at the millisecond: 1 ms sooner comes first", () => {
    const later = { ...lot("later", 1n, 5, "promotional"), expires_at: new Date(day(5).getTime() + 1) }
    const sooner = lot("sooner", 1n, 5, "paid")
    expect(sortForDrawDown([later, sooner]).map((l) => l.id)).toEqual(["sooner", "later"])
  })

  it("returns a new array and leaves the input as it was", () => {
    const lots = [lot("b", 1n, 2, "paid"), lot("a", 1n, 1, "paid")]
    const sorted = sortForDrawDown(lots)
    expect(sorted).not.toBe(lots)
    expect(lots.map((l) => l.id)).toEqual(["b", "a"])
    expect(sortForDrawDown([])).toEqual([])
  })
})

describe("planDrawDown", () => {
  const lots = [
    lot("paid-never", 50_000n, null, "paid"),
    lot("promo-d30", 20_000n, 30, "promotional"),
    lot("paid-d30", 30_000n, 30, "paid"),
    lot("promo-never", 10_000n, null, "promotional"),
  ]

  it("takes from the first lot only when it covers the amount", () => {
    expect(planDrawDown(lots, 15_000n)).toEqual({ portions: [{ lot_id: "promo-d30", amount: 15_000n }], uncovered: 0n })
  })

  it("spans lots in draw-down order and empties each before the next", () => {
    expect(planDrawDown(lots, 65_001n)).toEqual({
      portions: [
        { lot_id: "promo-d30", amount: 20_000n },
        { lot_id: "paid-d30", amount: 30_000n },
        { lot_id: "promo-never", amount: 10_000n },
        { lot_id: "paid-never", amount: 5_001n },
      ],
      uncovered: 0n,
    })
  })

  it("uses everything exactly at the total", () => {
    const plan = planDrawDown(lots, 110_000n)
    expect(plan.uncovered).toBe(0n)
    expect(plan.portions.map((p) => p.amount)).toEqual([20_000n, 30_000n, 10_000n, 50_000n])
  })

  it("returns what no lot covers as uncovered", () => {
    const plan = planDrawDown(lots, 110_007n)
    expect(plan.portions.reduce((s, p) => s + p.amount, 0n)).toBe(110_000n)
    expect(plan.uncovered).toBe(7n)
  })

  it("skips lots with nothing free", () => {
    const withEmpty = [lot("empty", 0n, 1, "promotional"), lot("negative", -5n, 1, "promotional"), lot("full", 3n, 2, "paid")]
    expect(planDrawDown(withEmpty, 5n)).toEqual({ portions: [{ lot_id: "full", amount: 3n }], uncovered: 2n })
  })

  it("with no lots everything is uncovered, and 0 takes nothing", () => {
    expect(planDrawDown([], 42n)).toEqual({ portions: [], uncovered: 42n })
    expect(planDrawDown(lots, 0n)).toEqual({ portions: [], uncovered: 0n })
  })

  it("works in 1/10000 units (0.0001 from each of two lots)", () => {
    const tiny = [lot("a", 1n, 1, "paid"), lot("b", 1n, 2, "paid")]
    expect(planDrawDown(tiny, 2n)).toEqual({
      portions: [
        { lot_id: "a", amount: 1n },
        { lot_id: "b", amount: 1n },
      ],
      uncovered: 0n,
    })
  })
})
