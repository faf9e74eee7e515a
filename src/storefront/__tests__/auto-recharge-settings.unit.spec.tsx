/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, within } from "@testing-library/react"
import React from "react"
import type { IapStoreClient } from "../client"
import { AutoRechargeSettings, defaultPaymentMethodLabel } from "../components/auto-recharge-settings"

/** AutoRechargeSettings against a scripted store client: states, the bodies it sends, error messages. */

const account = { id: "iapacc_1", service: "sms", service_name: "SMS", unit_name: "SMS" }
const pack = (credits: number, variant: string, amount: number) => ({
  id: `pack_${credits}`, credits, expires_after_days: null, category: "paid", variant_id: variant, variant_title: `${credits} SMS`,
  service: { technical_name: "sms", name: "SMS", description: null, unit_name: "SMS" },
  product: { id: "prod_1", title: "SMS credits", handle: "sms", thumbnail: null },
  calculated_price: { calculated_amount: amount, currency_code: "eur" },
})
const packs = [pack(100, "variant_100", 9), pack(500, "variant_500", 40)]
const methods = [
  { id: "pm_visa", provider_id: "pp_stripe_stripe", account_holder_id: "acch_1", data: { card: { brand: "visa", last4: "4242" } } },
  { id: "pm_other", provider_id: "pp_iaptest_card", account_holder_id: "acch_2", data: {} },
]
const saved = {
  id: "iaparc_1", account_id: "iapacc_1", enabled: true, pack_id: "pack_500", variant_id: "variant_500", quantity: 2, trigger: 50,
  monthly_count_cap: 3, monthly_amount_cap: null, region_id: "reg_eu", currency_code: "eur", sales_channel_id: null,
  provider_id: "pp_stripe_stripe", account_holder_id: "acch_1", payment_method_id: "pm_visa", armed: true, disabled_reason: null,
  created_at: "2030-01-01T00:00:00.000Z", updated_at: "2030-01-01T00:00:00.000Z",
}
const recharge = {
  id: "iaprch_1", account_id: "iapacc_1", status: "succeeded", attempt: 1, retry_of: null, pack_id: "pack_500", variant_id: "variant_500",
  quantity: 2, credits: 1000, amount: 80, currency_code: "eur", provider_id: "pp_stripe_stripe", payment_method_id: "pm_visa",
  cart_id: "cart_1", order_id: "order_1", payment_id: "pay_1", error_code: null, error: null, next_attempt_at: null, claimed_until: null,
  completed_at: "2030-01-03T00:00:00.000Z", created_at: "2030-01-03T00:00:00.000Z", updated_at: "2030-01-03T00:00:00.000Z",
}

class FetchError extends Error {
  constructor(message: string, readonly status: number) {
    super(message)
  }
}

function fakeClient(over: Record<string, jest.Mock> = {}) {
  const client = {
    retrieveAccount: jest.fn(async () => ({ account })),
    retrieveAutoRecharge: jest.fn(async () => ({ auto_recharge: null, recharges: [] })),
    listPaymentMethods: jest.fn(async () => ({ payment_methods: methods })),
    listPacks: jest.fn(async () => ({ packs })),
    saveAutoRecharge: jest.fn(async (_id: string, body: any) => ({ auto_recharge: { ...saved, ...body }, recharges: [] })),
    removeAutoRecharge: jest.fn(async () => ({ id: "iaparc_1", object: "iap_auto_recharge", deleted: true })),
    ...over,
  }
  return client as unknown as IapStoreClient & typeof client
}

const field = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement & HTMLSelectElement

describe("AutoRechargeSettings", () => {
  it("sets up auto-recharge: the region's packs of the account's service, saved methods by brand, the exact body sent", async () => {
    const client = fakeClient()
    render(<AutoRechargeSettings client={client} accountId="iapacc_1" regionId="reg_eu" />)
    expect(screen.getByRole("status").textContent).toBe("Loading…")
    expect((await screen.findByRole("heading", { name: "Auto-recharge" })).tagName).toBe("H3")
    expect(client.listPacks).toHaveBeenCalledWith({ region_id: "reg_eu", service: "sms" })
    expect(screen.getByText("Auto-recharge is not set up.")).toBeTruthy()
    expect(within(field("Pack to buy")).getAllByRole("option").map((o) => o.textContent)).toEqual(["100 SMS (€9.00)", "500 SMS (€40.00)"])
    expect(within(field("Pay with")).getAllByRole("option").map((o) => o.textContent)).toEqual(["Visa •••• 4242", "pm_other"])
    expect(screen.queryByRole("button", { name: "Switch off" })).toBeNull()
    expect(screen.queryByRole("button", { name: "Remove" })).toBeNull()

    fireEvent.change(field("Pack to buy"), { target: { value: "variant_500" } })
    fireEvent.change(field("Quantity"), { target: { value: "2" } })
    fireEvent.change(field("Recharge when available SMS drop below"), { target: { value: "50" } })
    fireEvent.change(field("At most this many recharges a month (optional)"), { target: { value: "3" } })
    fireEvent.change(field("At most this much a month, in EUR (optional)"), { target: { value: "200" } })
    fireEvent.change(field("Pay with"), { target: { value: "pm_other" } })
    fireEvent.click(screen.getByRole("button", { name: "Switch on auto-recharge" }))
    expect(await screen.findByText("Auto-recharge saved.")).toBeTruthy()
    expect(client.saveAutoRecharge).toHaveBeenCalledWith("iapacc_1", {
      enabled: true, variant_id: "variant_500", quantity: 2, trigger: "50", monthly_count_cap: 3, monthly_amount_cap: "200",
      region_id: "reg_eu", provider_id: "pp_iaptest_card", payment_method_id: "pm_other",
    })
    expect(screen.getByText("On: when available SMS drop below 50, buy 2 × 500 SMS.")).toBeTruthy()
    expect(screen.getByRole("button", { name: "Switch off" })).toBeTruthy()
  })

  it("shows the saved settings and recent recharges; switches off with the saved values; removes after confirmation", async () => {
    const client = fakeClient({ retrieveAutoRecharge: jest.fn(async () => ({ auto_recharge: saved, recharges: [recharge] })) })
    render(<AutoRechargeSettings client={client} accountId="iapacc_1" regionId="reg_eu" />)
    expect(await screen.findByText("On: when available SMS drop below 50, buy 2 × 500 SMS.")).toBeTruthy()
    expect([field("Pack to buy").value, field("Quantity").value, field("Recharge when available SMS drop below").value]).toEqual(["variant_500", "2", "50"])
    expect([field("At most this many recharges a month (optional)").value, field("At most this much a month, in EUR (optional)").value, field("Pay with").value]).toEqual(["3", "", "pm_visa"])
    expect(within(screen.getByRole("list", { name: "Recent recharges" })).getByRole("listitem").textContent).toContain("1,000 SMS, Paid (€80.00)")

    // Edits not saved do not ride along with "Switch off".
    fireEvent.change(field("Quantity"), { target: { value: "9" } })
    fireEvent.click(screen.getByRole("button", { name: "Switch off" }))
    expect(await screen.findByText("Auto-recharge switched off.")).toBeTruthy()
    expect(client.saveAutoRecharge).toHaveBeenLastCalledWith("iapacc_1", {
      enabled: false, variant_id: "variant_500", quantity: 2, trigger: "50", monthly_count_cap: 3, monthly_amount_cap: null,
      region_id: "reg_eu", provider_id: "pp_stripe_stripe", payment_method_id: "pm_visa",
    })
    expect(screen.getByText("Auto-recharge is off.")).toBeTruthy()
    expect(screen.getByRole("button", { name: "Save and switch on" })).toBeTruthy()

    fireEvent.click(screen.getByRole("button", { name: "Remove" }))
    fireEvent.click(screen.getByRole("button", { name: "Keep them" }))
    expect(client.removeAutoRecharge).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole("button", { name: "Remove" }))
    fireEvent.click(within(screen.getByRole("group", { name: "Confirm removing auto-recharge" })).getByRole("button", { name: "Remove now" }))
    expect(await screen.findByText("Auto-recharge removed.")).toBeTruthy()
    expect(client.removeAutoRecharge).toHaveBeenCalledWith("iapacc_1")
    expect(screen.getByText("Auto-recharge is not set up.")).toBeTruthy()
    expect(field("Quantity").value).toBe("1")
  })

  it("shows the API's 400 message and keeps the form; says when it switched itself off", async () => {
    const declined = { ...saved, enabled: false, disabled_reason: "declined" }
    const save = jest.fn().mockRejectedValueOnce(new FetchError("trigger must be a whole number of credits", 400))
    const client = fakeClient({ retrieveAutoRecharge: jest.fn(async () => ({ auto_recharge: declined, recharges: [] })), saveAutoRecharge: save })
    render(<AutoRechargeSettings client={client} accountId="iapacc_1" regionId="reg_eu" />)
    expect(await screen.findByText(/switched itself off after declined payments/)).toBeTruthy()
    fireEvent.change(field("Recharge when available SMS drop below"), { target: { value: "1.5" } })
    fireEvent.click(screen.getByRole("button", { name: "Save and switch on" }))
    expect((await screen.findByRole("alert")).textContent).toBe("trigger must be a whole number of credits")
    expect(field("Recharge when available SMS drop below").value).toBe("1.5")
    expect(save).toHaveBeenCalledWith("iapacc_1", expect.objectContaining({ enabled: true, trigger: "1.5" }))
  })

  it("explains what is missing: no saved payment method, no packs in the region; a load error offers a retry", async () => {
    const noMethods = fakeClient({ listPaymentMethods: jest.fn(async () => ({ payment_methods: [] })) })
    const { unmount } = render(<AutoRechargeSettings client={noMethods} accountId="iapacc_1" regionId="reg_eu" />)
    expect(await screen.findByText(/Auto-recharge pays with a saved payment method/)).toBeTruthy()
    expect(screen.queryByRole("form")).toBeNull()
    unmount()

    const noPacks = fakeClient({ listPacks: jest.fn(async () => ({ packs: [] })) })
    const second = render(<AutoRechargeSettings client={noPacks} accountId="iapacc_1" regionId="reg_us" />)
    expect(await screen.findByText("No SMS packs are on sale in this region.")).toBeTruthy()
    second.unmount()

    const failing = jest.fn().mockRejectedValueOnce(new FetchError("Account iapacc_1 was not found", 404)).mockResolvedValueOnce({ auto_recharge: null, recharges: [] })
    render(<AutoRechargeSettings client={fakeClient({ retrieveAutoRecharge: failing })} accountId="iapacc_1" regionId="reg_eu" />)
    const alert = await screen.findByRole("alert")
    expect(alert.textContent).toContain("Account iapacc_1 was not found")
    fireEvent.click(within(alert).getByRole("button", { name: "Try again" }))
    expect(await screen.findByText("Auto-recharge is not set up.")).toBeTruthy()
  })

  it("is usable from the keyboard: every control is labelled by its own label, and submitting the form (Enter in a field) saves", async () => {
    const client = fakeClient()
    render(<AutoRechargeSettings client={client} accountId="iapacc_1" regionId="reg_eu" />)
    const trigger = await screen.findByLabelText("Recharge when available SMS drop below")
    for (const control of screen.getByRole("form", { name: "Auto-recharge settings" }).querySelectorAll("input, select")) {
      expect(screen.getByLabelText(document.querySelector(`label[for="${control.id}"]`)!.textContent!)).toBe(control)
    }
    fireEvent.change(trigger, { target: { value: "10" } })
    fireEvent.submit(trigger.closest("form")!)
    expect(await screen.findByText("Auto-recharge saved.")).toBeTruthy()
    expect(client.saveAutoRecharge).toHaveBeenCalledWith("iapacc_1", expect.objectContaining({ trigger: "10", variant_id: "variant_100", payment_method_id: "pm_visa" }))
  })

  it("labels saved methods by brand and last digits, else by id", () => {
    expect(defaultPaymentMethodLabel({ id: "pm_1", provider_id: "p", account_holder_id: "h", data: { brand: "mastercard", last4: "1111" } })).toBe("Mastercard •••• 1111")
    expect(defaultPaymentMethodLabel({ id: "pm_2", provider_id: "p", account_holder_id: "h", data: { brand: "visa" } })).toBe("Visa (pm_2)")
    expect(defaultPaymentMethodLabel({ id: "pm_3", provider_id: "p", account_holder_id: "h", data: {} })).toBe("pm_3")
  })
})
