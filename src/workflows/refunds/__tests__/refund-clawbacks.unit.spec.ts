import { clawbackLines, clawbackSources } from "../utils/order-clawback-history"
import { ClawbackPlanLine, ClawbackSource, planClawbacks } from "../utils/refund-clawbacks"

/** Which credits each refund or return takes back (pure planning, exact decimals). */

const line = (id: string, credits: string, quantity: number, total: string, integer_credits = true): ClawbackPlanLine => ({
  line_item_id: id, credits, quantity, total, integer_credits,
})
const at = (minute: number) => `2030-01-01T00:${String(minute).padStart(2, "0")}:00.000Z`
const capture = (minute: number, amount: string): ClawbackSource => ({ type: "capture", id: `capt_${minute}`, at: at(minute), amount })
const refund = (id: string, minute: number, amount: string): ClawbackSource => ({ type: "refund", id, at: at(minute), amount })
const ret = (id: string, minute: number, items: [string, number][]): ClawbackSource => ({
  type: "return", id, at: at(minute), items: items.map(([line_item_id, quantity]) => ({ line_item_id, quantity })),
})
const brief = (plan: ReturnType<typeof planClawbacks>) => plan.map((p) => [p.reference_id, p.line_item_id, p.up_to, p.idempotency_key])

describe("planClawbacks", () => {
  const packs = [line("li_1", "1000", 2, "80")]

  it("packs only: 40 % refunded takes 40 % of the credits, the rest takes the rest", () => {
    expect(brief(planClawbacks(packs, [capture(1, "80"), refund("ref_1", 2, "32")]))).toEqual([
      ["ref_1", "li_1", "400", "clawback:ref_1:li_1:400"],
    ])
    expect(brief(planClawbacks(packs, [capture(1, "80"), refund("ref_1", 2, "32"), refund("ref_2", 3, "48")]))).toEqual([
      ["ref_2", "li_1", "1000", "clawback:ref_2:li_1:1000"],
    ])
    expect(planClawbacks(packs, [capture(1, "80")])).toEqual([])
  })

  it("plans the same whatever order the sources are read in (events reordered or redelivered)", () => {
    const sources = [capture(1, "80"), refund("ref_1", 2, "32"), refund("ref_2", 3, "48")]
    const expected = planClawbacks(packs, sources)
    expect(planClawbacks(packs, [...sources].reverse())).toEqual(expected)
    expect(planClawbacks(packs, [sources[2], sources[0], sources[1]])).toEqual(expected)
  })

  it("mixed order: other items count as paid first; only the excess takes credits, at the line's price", () => {
    const mixed = [line("li_pack", "500", 1, "40")] // + a 20 EUR T-shirt and 5 EUR shipping: 65 paid
    expect(planClawbacks(mixed, [capture(1, "65"), refund("ref_1", 2, "25")])).toEqual([])
    expect(brief(planClawbacks(mixed, [capture(1, "65"), refund("ref_1", 2, "25"), refund("ref_2", 3, "10")]))).toEqual([
      ["ref_2", "li_pack", "125", "clawback:ref_2:li_pack:125"],
    ])
  })

  it("rounds down to the service's precision, and reaches all the credits when all is refunded", () => {
    const third = [line("li_1", "100", 1, "30")]
    expect(brief(planClawbacks(third, [capture(1, "30"), refund("r1", 2, "10")]))[0][2]).toBe("33")
    const decimal = [line("li_1", "100", 1, "30", false)]
    expect(brief(planClawbacks(decimal, [capture(1, "30"), refund("r1", 2, "10")]))[0][2]).toBe("33.3333")
    expect(brief(planClawbacks(third, [capture(1, "30"), refund("r1", 2, "10"), refund("r2", 3, "10")]))[0][2]).toBe("66")
    expect(brief(planClawbacks(third, [capture(1, "30"), refund("r1", 2, "10"), refund("r2", 3, "10"), refund("r3", 4, "10")]))[0][2]).toBe("100")
  })

  it("two pack lines: the last line is taken back first", () => {
    const two = [line("li_a", "100", 1, "10"), line("li_b", "500", 1, "40")]
    expect(brief(planClawbacks(two, [capture(1, "50"), refund("r1", 2, "30")]))).toEqual([["r1", "li_b", "375", "clawback:r1:li_b:375"]])
    expect(brief(planClawbacks(two, [capture(1, "50"), refund("r1", 2, "45")]))).toEqual([
      ["r1", "li_b", "500", "clawback:r1:li_b:500"],
      ["r1", "li_a", "50", "clawback:r1:li_a:50"],
    ])
  })

  it("a received return takes back exactly its items' credits; its refund then takes nothing more", () => {
    expect(brief(planClawbacks(packs, [capture(1, "80"), ret("ret_1", 2, [["li_1", 1]]), refund("ref_1", 3, "40")]))).toEqual([
      ["ret_1", "li_1", "500", "clawback:ret_1:li_1:500"],
    ])
    // returns of items that are not packs are ignored
    expect(planClawbacks(packs, [capture(1, "80"), ret("ret_1", 2, [["li_shirt", 1]])])).toEqual([])
  })

  it("never plans more than a line bought, however much is refunded and returned", () => {
    const plan = planClawbacks(packs, [
      capture(1, "80"), refund("r1", 2, "80"), ret("ret_1", 3, [["li_1", 2]]), capture(4, "80"), refund("r2", 5, "80"),
    ])
    expect(brief(plan)).toEqual([["r1", "li_1", "1000", "clawback:r1:li_1:1000"]])
  })
})

describe("clawbackLines / clawbackSources", () => {
  it("reads pack lines in the order's item order (stable for items placed together), credits × quantity, the line total", () => {
    const at = "2030-01-01T00:00:00.000Z"
    const items = [
      { id: "li_edit", created_at: "2030-01-02T00:00:00.000Z", variant_id: "v_sms", total: 10, detail: { quantity: 1 } },
      { id: "li_shirt", created_at: at, variant_id: "v_shirt", total: 20, detail: { quantity: 1 } },
      { id: "li_sms", created_at: at, variant_id: "v_sms", total: { value: "80.000000" }, detail: { quantity: 2 } },
      { id: "li_mail", created_at: at, variant_id: "v_mail", total: "5", detail: { quantity: 1 } },
    ]
    const packOf = new Map([
      ["v_sms", { service_id: "svc_sms", credits: 500, raw_credits: { value: "500" } }],
      ["v_mail", { service_id: "svc_mail", credits: "12.5" }],
    ])
    expect(clawbackLines(items, packOf, new Map([["svc_sms", true]]))).toEqual([
      { line_item_id: "li_sms", credits: "1000", quantity: 2, total: "80.000000", integer_credits: true },
      { line_item_id: "li_mail", credits: "12.5", quantity: 1, total: "5", integer_credits: false },
      { line_item_id: "li_edit", credits: "500", quantity: 1, total: "10", integer_credits: true },
    ])
  })

  it("lists captures and refunds of every payment, and returns with received items timed by their receipt", () => {
    const collections = [
      { payments: [{ captures: [{ id: "c1", created_at: "2030-01-01T00:01:00Z", amount: 80 }], refunds: [{ id: "r1", created_at: "2030-01-01T00:02:00Z", amount: { value: "32" } }] }] },
      null,
    ]
    const returns = [
      { id: "ret_1", received_at: null, updated_at: "2030-01-01T00:03:00Z", items: [{ item_id: "li_1", received_quantity: 1 }, { item_id: "li_2", received_quantity: 0 }] },
      { id: "ret_2", received_at: null, updated_at: "2030-01-01T00:04:00Z", items: [{ item_id: "li_1", received_quantity: 0 }] },
    ]
    expect(clawbackSources(collections, returns)).toEqual([
      { type: "capture", id: "c1", at: "2030-01-01T00:01:00.000Z", amount: "80" },
      { type: "refund", id: "r1", at: "2030-01-01T00:02:00.000Z", amount: "32" },
      { type: "return", id: "ret_1", at: "2030-01-01T00:03:00.000Z", items: [{ line_item_id: "li_1", quantity: 1 }] },
    ])
  })
})
