import fc from "fast-check"
import { parseAmount } from "../utils/amount"
import { parseRate, parseUsage, priceWithRate, Rate, selectRate, validateRates } from "../utils/pricing"

/** Rate-card pricing (docs/rate-cards.md): which rate applies, what it costs, and what a rate card may contain. */

const rate = (id: string, dimensions: Record<string, string>, unit: string | null, tiers?: [string | null, string][]): Rate => ({
  id,
  metric: "sms_part",
  dimensions,
  unit_credits: unit === null ? null : parseAmount(unit, { allowZero: true }),
  tiers: tiers ? tiers.map(([upTo, u]) => ({ up_to: upTo === null ? null : parseAmount(upTo), unit_credits: parseAmount(u, { allowZero: true }) })) : null,
})
const q = (v: string) => parseAmount(v)
const usage = (dimensions: Record<string, string>, metric = "sms_part") => ({ metric, dimensions })

describe("selectRate", () => {
  const card = [
    rate("any", { country: "*" }, "1"),
    rate("de", { country: "DE" }, "0.5"),
    rate("de_large", { country: "DE", model: "large" }, "2"),
    rate("fr", { country: "FR" }, "0.75"),
  ]

  it("takes the most specific matching rate", () => {
    expect(selectRate(card, usage({ country: "DE", model: "large" }))!.id).toBe("de_large")
    expect(selectRate(card, usage({ country: "DE", model: "small" }))!.id).toBe("de")
    expect(selectRate(card, usage({ country: "FR", model: "large" }))!.id).toBe("fr")
  })

  it("falls back to `*` (a missing dimension matches it too) and compares values exactly", () => {
    expect(selectRate(card, usage({ country: "US" }))!.id).toBe("any")
    expect(selectRate(card, usage({}))!.id).toBe("any")
    expect(selectRate(card, usage({ country: "de" }))!.id).toBe("any")
  })

  it("finds nothing for another metric, or without a fallback", () => {
    expect(selectRate(card, usage({ country: "DE" }, "mms_part"))).toBeNull()
    expect(selectRate(card.slice(1), usage({ country: "US" }))).toBeNull()
  })
})

describe("priceWithRate", () => {
  it("multiplies exactly and rounds up once to 4 decimals, or to whole credits", () => {
    const r = rate("r", {}, "0.0333")
    expect(priceWithRate(r, q("3"), 0n, false)).toEqual({ credits: 999n, exact: "0.0999", tiers: null })
    expect(priceWithRate(r, q("0.5"), 0n, false)).toEqual({ credits: 167n, exact: "0.01665", tiers: null })
    expect(priceWithRate(r, q("0.5"), 0n, true)).toEqual({ credits: 10_000n, exact: "0.01665", tiers: null })
    expect(priceWithRate(rate("z", {}, "0"), q("5"), 0n, true).credits).toBe(0n)
  })

  it("prices each part of a charge that crosses tier boundaries at its tier", () => {
    const r = rate("t", {}, null, [["100", "0.05"], ["1000", "0.04"], [null, "0.03"]])
    // 90 used this month; 1,020 more: 10 at 0.05, 900 at 0.04, 110 at 0.03 = 0.5 + 36 + 3.3
    expect(priceWithRate(r, q("1020"), q("90"), false)).toEqual({
      credits: parseAmount("39.8"),
      exact: "39.8",
      tiers: [
        { from: "0", to: "100", quantity: "10", unit_credits: "0.05", credits: "0.5" },
        { from: "100", to: "1000", quantity: "900", unit_credits: "0.04", credits: "36" },
        { from: "1000", to: null, quantity: "110", unit_credits: "0.03", credits: "3.3" },
      ],
    })
    expect(priceWithRate(r, q("1"), q("5000"), false).tiers).toEqual([
      { from: "1000", to: null, quantity: "1", unit_credits: "0.03", credits: "0.03" },
    ])
  })

  it("refuses a cost above 10^12 credits", () => {
    expect(() => priceWithRate(rate("big", {}, "1000000"), q("1000000000"), 0n, false)).toThrow(
      "usage costs more than 1000000000000 credits"
    )
  })
})

describe("parsing and validation", () => {
  it("parses a usage and names the bad field", () => {
    expect(parseUsage({ metric: "sms_part", quantity: "2.5", dimensions: { country: "DE" } })).toEqual({
      metric: "sms_part",
      quantity: 25_000n,
      dimensions: { country: "DE" },
    })
    expect(() => parseUsage({ metric: "SMS", quantity: 1 })).toThrow("usage.metric must start with a lowercase letter")
    expect(() => parseUsage({ metric: "sms", quantity: 0 })).toThrow("usage.quantity must be greater than 0")
    expect(() => parseUsage({ metric: "sms", quantity: 1, dimensions: { country: "*" } })).toThrow('usage.dimensions.country cannot be "*"')
    expect(() => parseUsage({ metric: "sms", quantity: 1, dimensions: { country: 7 } })).toThrow("usage.dimensions.country must be a non-empty text")
    expect(() => parseUsage({ metric: "sms", quantity: 1, credits: 1 })).toThrow("usage has an unknown field: credits")
  })

  it("parses rates: one of unit_credits or ascending tiers ending without a limit", () => {
    expect(() => parseRate({ metric: "sms" }, "rates[0]")).toThrow("rates[0] needs exactly one of unit_credits or tiers")
    expect(() => parseRate({ metric: "sms", unit_credits: 1, tiers: [] }, "rates[0]")).toThrow("needs exactly one")
    expect(() => parseRate({ metric: "sms", tiers: [{ up_to: 10, unit_credits: 1 }] }, "rates[1]")).toThrow(
      "rates[1].tiers[0].up_to must be null: the last tier has no limit"
    )
    expect(() =>
      parseRate({ metric: "sms", tiers: [{ up_to: 10, unit_credits: 1 }, { up_to: 5, unit_credits: 1 }, { up_to: null, unit_credits: 1 }] }, "r")
    ).toThrow("r.tiers[1].up_to must be greater than the previous tier's")
    expect(() => parseRate({ metric: "sms", unit_credits: -1 }, "r")).toThrow("r.unit_credits must be greater than 0")
  })

  it("refuses duplicate rates and rates that would tie", () => {
    const de = parseRate({ metric: "sms", dimensions: { country: "DE" }, unit_credits: 1 }, "r")
    const large = parseRate({ metric: "sms", dimensions: { model: "large" }, unit_credits: 2 }, "r")
    const both = parseRate({ metric: "sms", dimensions: { country: "DE", model: "large" }, unit_credits: 3 }, "r")
    const fr = parseRate({ metric: "sms", dimensions: { country: "FR" }, unit_credits: 1 }, "r")
    expect(() => validateRates([de, { ...de, unit_credits: 5n }])).toThrow('rates: two rates for sms {"country":"DE"}')
    expect(() => validateRates([de, large])).toThrow(
      'rates: sms {"country":"DE"} and sms {"model":"large"} both match {"country":"DE","model":"large"} equally: add a rate for it'
    )
    expect(() => validateRates([de, large, both, fr])).toThrow('sms {"model":"large"} and sms {"country":"FR"}')
    expect(() => validateRates([de, fr, { ...de, metric: "mms" }])).not.toThrow()
  })
})

/**
 * A reference pricing, written differently on purpose: the rate is the first of the matching
 * rates sorted by pinned keys; a tiered cost is F(before + quantity) − F(before) with F the
 * cumulative cost from 0; rounding up is a division with a remainder check.
 */
function referencePrice(rates: Rate[], u: { metric: string; quantity: bigint; dimensions: Record<string, string> }, before: bigint, integer: boolean) {
  const pinned = (r: Rate) => Object.entries(r.dimensions).filter(([, v]) => v !== "*")
  const candidates = rates
    .filter((r) => r.metric === u.metric && pinned(r).every(([k, v]) => u.dimensions[k] === v))
    .sort((a, b) => pinned(b).length - pinned(a).length)
  if (!candidates.length) return null
  const r = candidates[0]
  const cumulative = (x: bigint): bigint => {
    if (!r.tiers) return x * r.unit_credits!
    let total = 0n
    let lower = 0n
    for (const t of r.tiers) {
      const top = t.up_to ?? x
      if (x > lower) total += ((x < top ? x : top) - lower) * t.unit_credits
      if (t.up_to === null || x <= t.up_to) break
      lower = t.up_to
    }
    return total
  }
  const exact = cumulative(before + u.quantity) - cumulative(before)
  const step = integer ? 100_000_000n : 10_000n
  let steps = exact / step
  if (exact % step !== 0n) steps += 1n
  return { id: r.id, credits: integer ? steps * 10_000n : steps }
}

describe("property: the module's pricing equals the reference pricing", () => {
  const values = fc.constantFrom("DE", "FR", "US", "*")
  const dims = fc.record({ country: values, model: fc.constantFrom("small", "large", "*") }, { requiredKeys: [] })
  const units = fc.bigInt({ min: 0n, max: 50_000n })
  const tiersArb = fc
    .uniqueArray(fc.bigInt({ min: 1n, max: 2_000_000n }), { minLength: 0, maxLength: 3 })
    .chain((bounds) => {
      const sorted = [...bounds].sort((a, b) => (a < b ? -1 : 1))
      return fc.tuple(...[...sorted, null].map((b) => units.map((u) => ({ up_to: b as bigint | null, unit_credits: u }))))
    })
  const rateArb = fc.record({
    metric: fc.constantFrom("sms_part", "token"),
    dimensions: dims,
    flat: fc.option(units, { nil: null }),
    tiers: tiersArb,
  })

  it("agrees on random rate cards, usages and month quantities", () => {
    fc.assert(
      fc.property(
        fc.array(rateArb, { minLength: 1, maxLength: 5 }),
        fc.record({ metric: fc.constantFrom("sms_part", "token"), dimensions: fc.record({ country: fc.constantFrom("DE", "FR", "US"), model: fc.constantFrom("small", "large") }, { requiredKeys: [] }) }),
        fc.bigInt({ min: 1n, max: 3_000_000n }),
        fc.bigInt({ min: 0n, max: 3_000_000n }),
        fc.boolean(),
        (specs, u, quantity, before, integer) => {
          const rates: Rate[] = specs.map((s, i) => ({
            id: `r${i}`,
            metric: s.metric,
            dimensions: s.dimensions as Record<string, string>,
            unit_credits: s.flat,
            tiers: s.flat === null ? (s.tiers as Rate["tiers"]) : null,
          }))
          try {
            validateRates(rates)
          } catch {
            return // a card the admin API refuses: nothing to price
          }
          const usageIn = { ...u, dimensions: u.dimensions as Record<string, string>, quantity }
          const expected = referencePrice(rates, usageIn, before, integer)
          const chosen = selectRate(rates, usageIn)
          if (!expected) {
            expect(chosen).toBeNull()
            return
          }
          expect(chosen!.id).toBe(expected.id)
          const outcome = priceWithRate(chosen!, quantity, before, integer)
          expect(outcome.credits).toBe(expected.credits)
        }
      ),
      { numRuns: 2000 }
    )
  })
})
