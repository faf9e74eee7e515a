import { packCredits, packExpiry, priceTo4Places, purchaseKeys } from "../utils/credit-packs"
import { creditPackProductData, packTitles } from "../utils/credit-pack-product"
import type { ValidCreditPack } from "../steps/validate-credit-packs"
import { isFullyCaptured, orderPackLines } from "../utils/order-credit-packs"

const sms = { technical_name: "sms", integer_credits: true }

describe("credit pack helpers", () => {
  it("packCredits: exact decimal strings, whole credits for integer services", () => {
    expect(packCredits(500, sms)).toBe("500")
    expect(packCredits("12.25", { technical_name: "api", integer_credits: false })).toBe("12.25")
    expect(() => packCredits(1.5, sms)).toThrow("credits must be a whole number for service sms")
    expect(() => packCredits(0, sms)).toThrow("credits must be greater than 0")
    expect(() => packCredits("0.00001", { technical_name: "api", integer_credits: false })).toThrow("credits must have at most 4 decimal places")
  })

  it("packExpiry: null or 1..36500 whole days", () => {
    expect(packExpiry(undefined)).toBeNull()
    expect(packExpiry(null)).toBeNull()
    expect(packExpiry(365)).toBe(365)
    for (const bad of [0, -1, 1.5, 36501, "30"]) expect(() => packExpiry(bad)).toThrow(/expires_after_days must be a whole number/)
  })

  it("priceTo4Places rounds half up without floats", () => {
    expect(priceTo4Places("9.99")).toBe("9.99")
    expect(priceTo4Places(40)).toBe("40")
    expect(priceTo4Places("0.123449")).toBe("0.1234")
    expect(priceTo4Places("0.12345")).toBe("0.1235")
    expect(priceTo4Places("99999999999.99995")).toBe("100000000000")
    expect(priceTo4Places(null)).toBeNull()
    expect(priceTo4Places("abc")).toBeNull()
  })

  it("purchase idempotency keys are per line item and per step", () => {
    expect([purchaseKeys.grant("ordli_1"), purchaseKeys.release("ordli_1"), purchaseKeys.void("ordli_1")]).toEqual([
      "purchase:ordli_1", "purchase-release:ordli_1", "purchase-void:ordli_1",
    ])
  })

  it("builds a digital pack product: one variant per pack, titles from credits and unit", () => {
    const valid = [100, 500].map((credits) => ({
      service_id: "iapsvc_1", credits: String(credits), expires_after_days: null, category: "paid",
      service: { id: "iapsvc_1", technical_name: "sms", unit_name: "SMS" },
    })) as ValidCreditPack[]
    const input = {
      service_id: "iapsvc_1", title: "SMS credits", sales_channel_ids: ["sc_1"],
      packs: [
        { credits: 100, prices: [{ currency_code: "EUR", amount: 10 }] },
        { credits: 500, title: "Big pack", sku: "SMS-500", prices: [{ currency_code: "usd", amount: 45 }] },
      ],
    }
    expect(packTitles(input, valid)).toEqual(["100 SMS", "Big pack"])
    const product = creditPackProductData(input, valid, "published")
    expect(product).toMatchObject({
      title: "SMS credits", status: "published", is_giftcard: false,
      options: [{ title: "Pack", values: ["100 SMS", "Big pack"] }],
      sales_channels: [{ id: "sc_1" }],
      variants: [
        { title: "100 SMS", manage_inventory: false, options: { Pack: "100 SMS" }, prices: [{ currency_code: "eur", amount: 10 }] },
        { title: "Big pack", sku: "SMS-500", manage_inventory: false, prices: [{ currency_code: "usd", amount: 45 }] },
      ],
    })
    expect(product).not.toHaveProperty("shipping_profile_id")
    expect(() => packTitles({ ...input, packs: [input.packs[0], { ...input.packs[1], title: "100 SMS" }] }, valid)).toThrow(
      'Each pack of a product needs its own title: two packs are titled "100 SMS"'
    )
  })
})

describe("order credit-pack lines", () => {
  it("turns pack lines into exact credits × quantity with the line's unit price", () => {
    const items = [
      { id: "ordli_1", variant_id: "v_pack", title: "SMS credits", variant_title: "500 SMS", raw_unit_price: { value: "40" }, detail: { raw_quantity: { value: "3" }, quantity: 3 } },
      { id: "ordli_2", variant_id: "v_shirt", title: "T-shirt", unit_price: 20, detail: { quantity: 1 } },
    ]
    const packs = new Map([["v_pack", { id: "iappack_1", service_id: "iapsvc_1", credits: 0, raw_credits: { value: "500.5" }, expires_after_days: 30, category: "paid" }]])
    expect(orderPackLines(items, packs)).toEqual([
      {
        line_item_id: "ordli_1", quantity: 3, title: "SMS credits (500 SMS)", unit_price: "40",
        pack: { id: "iappack_1", service_id: "iapsvc_1", credits: "500.5", expires_after_days: 30, category: "paid" },
        total_credits: "1501.5",
      },
    ])
  })

  it("counts an order as captured only when every live payment is captured", () => {
    expect(isFullyCaptured({ payment_collections: [] })).toBe(false)
    expect(isFullyCaptured({ payment_collections: [{ payments: [{ captured_at: null }] }] })).toBe(false)
    expect(isFullyCaptured({ payment_collections: [{ payments: [{ captured_at: "2026-01-01" }, { canceled_at: "2026-01-01" }] }] })).toBe(true)
    expect(isFullyCaptured({ payment_collections: [{ payments: [{ captured_at: "2026-01-01" }, { captured_at: null }] }] })).toBe(false)
  })
})
