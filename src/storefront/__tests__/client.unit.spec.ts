import { createIapStoreClient } from "../client"

/** The store client on a bare transport (what a Next.js server action provides): paths, methods, bodies. */

function transport(answers: Record<string, unknown>) {
  const calls: { path: string; init: unknown }[] = []
  const fetch = jest.fn(async (path: string, init?: { method?: string }) => {
    calls.push({ path, init })
    return answers[`${init?.method ?? "GET"} ${path}`] as any
  })
  return { t: { client: { fetch } }, calls }
}

describe("createIapStoreClient", () => {
  it("picks the plugin's Instant delivery for a cart of packs", async () => {
    const { t, calls } = transport({
      "GET /store/shipping-options": { shipping_options: [{ id: "so_std", provider_id: "manual_manual" }, { id: "so_instant", provider_id: "iap-digital_iap-digital" }] },
      "POST /store/carts/cart_1/shipping-methods": { cart: { id: "cart_1" } },
    })
    expect(await createIapStoreClient(t).addInstantDelivery("cart_1")).toBe("so_instant")
    expect(calls).toEqual([
      { path: "/store/shipping-options", init: { method: "GET", query: { cart_id: "cart_1" } } },
      { path: "/store/carts/cart_1/shipping-methods", init: { method: "POST", body: { option_id: "so_instant" } } },
    ])
  })

  it("adds nothing when Instant delivery is not offered (a cart without packs)", async () => {
    const { t, calls } = transport({ "GET /store/shipping-options": { shipping_options: [{ id: "so_std", provider_id: "manual_manual" }] } })
    expect(await createIapStoreClient(t).addInstantDelivery("cart_2")).toBeNull()
    expect(calls).toHaveLength(1)
  })

  it("reads, saves and removes auto-recharge and lists saved payment methods on the account's paths", async () => {
    const { t, calls } = transport({})
    const iap = createIapStoreClient(t)
    await iap.retrieveAutoRecharge("iapacc_1")
    await iap.saveAutoRecharge("iapacc_1", { variant_id: "v", trigger: 5, region_id: "r", provider_id: "p", payment_method_id: "pm" })
    await iap.removeAutoRecharge("iapacc_1")
    await iap.listPaymentMethods()
    await iap.addPackToCart("cart_1", "variant_1", 2)
    expect(calls.map((c) => [(c.init as any).method, c.path, (c.init as any).body])).toEqual([
      ["GET", "/store/iap/accounts/iapacc_1/auto-recharge", undefined],
      ["POST", "/store/iap/accounts/iapacc_1/auto-recharge", { variant_id: "v", trigger: 5, region_id: "r", provider_id: "p", payment_method_id: "pm" }],
      ["DELETE", "/store/iap/accounts/iapacc_1/auto-recharge", undefined],
      ["GET", "/store/iap/payment-methods", undefined],
      ["POST", "/store/carts/cart_1/line-items", { variant_id: "variant_1", quantity: 2 }],
    ])
  })
})
