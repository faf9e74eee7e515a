import { UpsertAutoRecharge } from "../../../api/utils/auto-recharge-validators"
import { autoRechargeBody, autoRechargeFormDefaults, autoRechargeFormSchema, paymentMethodKey, paymentMethodLabel } from "../auto-recharge-form"

function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]))
}

const filled = {
  enabled: true,
  variant_id: "variant_1",
  quantity: "2",
  trigger: " 12.5 ",
  monthly_count_cap: "",
  monthly_amount_cap: "40",
  payment_method: "pp_iaptest_card|pm_visa_cus_1",
  region_id: "reg_1",
}

describe("admin auto-recharge form", () => {
  it("names each field the form can refuse before a request", () => {
    const r = autoRechargeFormSchema.safeParse({
      enabled: true, variant_id: "", quantity: "1.5", trigger: "", monthly_count_cap: "0", monthly_amount_cap: "lots", payment_method: "", region_id: "",
    })
    expect(errorsOf(r)).toEqual({
      variant_id: "Choose a pack",
      quantity: "Quantity must be a whole number above 0",
      trigger: "Trigger is required",
      monthly_count_cap: "Recharges per month must be a whole number above 0",
      monthly_amount_cap: "Money per month must be a number",
      payment_method: "Choose a saved payment method",
      region_id: "Choose a region",
    })
    expect(autoRechargeFormSchema.safeParse(filled).success).toBe(true)
  })

  it("sends what the server's validator takes: provider and method split, empty caps as null", () => {
    const body = autoRechargeBody(filled)
    expect(body).toEqual({
      enabled: true, variant_id: "variant_1", quantity: 2, trigger: "12.5", monthly_count_cap: null, monthly_amount_cap: "40",
      region_id: "reg_1", provider_id: "pp_iaptest_card", payment_method_id: "pm_visa_cus_1",
    })
    expect(UpsertAutoRecharge.safeParse(body).success).toBe(true)
  })

  it("opens blank (on, one pack) or with the saved settings, which it sends back unchanged", () => {
    expect(autoRechargeFormDefaults(null)).toEqual({
      enabled: true, variant_id: "", quantity: "1", trigger: "", monthly_count_cap: "", monthly_amount_cap: "", payment_method: "", region_id: "",
    })
    const saved = {
      enabled: false, variant_id: "variant_9", quantity: 3, trigger: 50, monthly_count_cap: 4, monthly_amount_cap: null,
      region_id: "reg_9", provider_id: "pp_stripe_stripe", payment_method_id: "pm_1|odd",
    } as any
    expect(autoRechargeBody(autoRechargeFormDefaults(saved))).toEqual({
      enabled: false, variant_id: "variant_9", quantity: 3, trigger: "50", monthly_count_cap: 4, monthly_amount_cap: null,
      region_id: "reg_9", provider_id: "pp_stripe_stripe", payment_method_id: "pm_1|odd",
    })
  })

  it("labels a saved method by its card when the provider tells it", () => {
    expect(paymentMethodLabel({ id: "pm_1", provider_id: "pp_stripe_stripe", account_holder_id: "acch_1", data: { card: { brand: "visa", last4: "4242" } } }))
      .toBe("visa •••• 4242 · pm_1 (pp_stripe_stripe)")
    expect(paymentMethodLabel({ id: "pm_2", provider_id: "pp_x", account_holder_id: "acch_1", data: {} })).toBe("pm_2 (pp_x)")
    expect(paymentMethodLabel({ id: "pm_visa_cus_cus_01M8GWDAAJ795AP48WDZDBSAKK", provider_id: "pp_iaptest_card", account_holder_id: "acch_1", data: { brand: "visa" } }))
      .toBe("visa · pm_visa_cus_cus_01…DBSAKK (pp_iaptest_card)")
    expect(paymentMethodKey({ provider_id: "pp_x", id: "pm_2" })).toBe("pp_x|pm_2")
  })
})
