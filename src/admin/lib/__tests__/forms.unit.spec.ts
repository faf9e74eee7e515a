import { AdminCreateIapAccount, AdminGrantIapCredits } from "../../../api/admin/iap/accounts/validators"
import { AdminCreateCreditPack, AdminCreateCreditPackProduct } from "../../../api/admin/iap/packs/validators"
import { leadingNumber } from "../format"
import { createAccountBody, grantBody, packProductBody, sellPacksBody } from "../request-bodies"
import {
  accountFormSchema,
  amountInput,
  grantFormSchema,
  packProductFormSchema,
  parseRecipients,
  sellPacksFormSchema,
  serviceFormSchema,
  warningFormSchema,
} from "../schemas"

/** The messages a schema gives, by field path ("packs.0.prices"). */
function errorsOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]))
}

describe("admin form schemas", () => {
  it("amount inputs: required, a plain decimal, sign and zero rules", () => {
    expect(errorsOf(amountInput("Amount").safeParse(""))).toEqual({ "": "Amount is required" })
    expect(errorsOf(amountInput("Amount").safeParse("ten"))).toEqual({ "": "Amount must be a number" })
    expect(errorsOf(amountInput("Amount").safeParse("-5"))).toEqual({ "": "Amount must not be negative" })
    expect(errorsOf(amountInput("Amount").safeParse("0"))).toEqual({ "": "Amount must not be 0" })
    expect(amountInput("Amount", { allowNegative: true }).safeParse("-2.5").success).toBe(true)
    expect(amountInput("Limit", { allowZero: true, optional: true }).safeParse("  ").success).toBe(true)
  })

  it("grant: amount, note and expiry named in their own fields", () => {
    const r = grantFormSchema.safeParse({ amount: "ten", note: "  ", category: "paid", expires_after_days: "1.5" })
    expect(errorsOf(r)).toEqual({
      amount: "Amount must be a number",
      note: "A note is required: it is written to the ledger",
      expires_after_days: "Expiry must be a whole number of days",
    })
  })

  it("warning: recipients are split, deduplicated and checked", () => {
    expect(parseRecipients("a@x.io, b@y.io\na@x.io;c@z.io")).toEqual(["a@x.io", "b@y.io", "c@z.io"])
    expect(errorsOf(warningFormSchema.safeParse({ warning_threshold: "", warning_emails: "a@x.io nope" }))).toEqual({
      warning_emails: "nope is not an email address",
    })
    const eleven = Array.from({ length: 11 }, (_, i) => `u${i}@x.io`).join(",")
    expect(errorsOf(warningFormSchema.safeParse({ warning_threshold: "5", warning_emails: eleven }))).toEqual({
      warning_emails: "At most 10 recipients",
    })
  })

  it("service: the technical name is checked only when creating", () => {
    const values = {
      creating: true,
      technical_name: "SMS",
      name: "SMS",
      description: "",
      unit_name: "SMS",
      integer_credits: true,
      trial_credits: "0",
      default_warning_threshold: "",
      provider_type: "first_party" as const,
      hold_ttl_seconds: "",
    }
    expect(errorsOf(serviceFormSchema.safeParse(values))).toEqual({
      technical_name: "2 to 63 lowercase letters, digits or underscores, starting with a letter",
    })
    expect(serviceFormSchema.safeParse({ ...values, creating: false }).success).toBe(true)
  })

  it("account: a customer holder needs a customer, the store does not", () => {
    const values = { holder: "customer" as const, customer_id: "", service_id: "iapsvc_1", sales_channel_ids: [], overdraft_limit: "", warning_threshold: "" }
    expect(errorsOf(accountFormSchema.safeParse(values))).toEqual({ customer_id: "Choose a customer" })
    expect(accountFormSchema.safeParse({ ...values, holder: "store" }).success).toBe(true)
  })

  it("sell as packs: at least one variant gets credits", () => {
    const values = {
      service_id: "iapsvc_1",
      expires_after_days: "",
      category: "paid" as const,
      variants: [{ variant_id: "variant_1", title: "Small", credits: "" }],
    }
    expect(errorsOf(sellPacksFormSchema.safeParse(values))).toEqual({ variants: "Give at least one variant its credits" })
  })

  it("pack product: every pack needs a price in some currency", () => {
    const values = {
      service_id: "iapsvc_1",
      title: "SMS credits",
      status: "published" as const,
      category: "paid" as const,
      sales_channel_ids: [],
      packs: [{ credits: "100", title: "", expires_after_days: "", prices: [{ currency_code: "eur", amount: "" }] }],
    }
    expect(errorsOf(packProductFormSchema.safeParse(values))).toEqual({ "packs.0.prices": "Give the pack a price in at least one currency" })
  })

  it("prefills credits from a variant title", () => {
    expect(leadingNumber("500 SMS")).toBe("500")
    expect(leadingNumber("1,000 SMS")).toBe("1000")
    expect(leadingNumber("Large")).toBe("")
  })
})

describe("admin request bodies pass the server's own validators", () => {
  it("grant", () => {
    const body = grantBody({ amount: " 25 ", note: " Goodwill ", category: "promotional", expires_after_days: "30" }, "admin-grant:1")
    expect(body).toEqual({ amount: "25", note: "Goodwill", category: "promotional", expires_after_days: 30, idempotency_key: "admin-grant:1" })
    expect(AdminGrantIapCredits.safeParse(body).success).toBe(true)
    const never = grantBody({ amount: "1", note: "n", category: "paid", expires_after_days: "" }, "k")
    expect(never.expires_after_days).toBeUndefined()
    expect(AdminGrantIapCredits.safeParse(never).success).toBe(true)
  })

  it("create account: empty optional amounts are left to the API's defaults", () => {
    const customer = createAccountBody({
      holder: "customer",
      customer_id: "cus_1",
      service_id: "iapsvc_1",
      sales_channel_ids: ["sc_1"],
      overdraft_limit: "",
      warning_threshold: "5",
    })
    expect(customer).toEqual({ service_id: "iapsvc_1", customer_id: "cus_1", sales_channel_ids: ["sc_1"], warning_threshold: "5" })
    expect(AdminCreateIapAccount.safeParse(customer).success).toBe(true)
    const store = createAccountBody({ holder: "store", customer_id: "cus_1", service_id: "iapsvc_1", sales_channel_ids: [], overdraft_limit: "10", warning_threshold: "" })
    expect(store).toEqual({ service_id: "iapsvc_1", customer_id: null, sales_channel_ids: [], overdraft_limit: "10" })
    expect(AdminCreateIapAccount.safeParse(store).success).toBe(true)
  })

  it("sell as packs: one pack per variant given credits", () => {
    const bodies = sellPacksBody({
      service_id: "iapsvc_1",
      expires_after_days: "365",
      category: "paid",
      variants: [
        { variant_id: "variant_1", title: "50 SMS", credits: "50" },
        { variant_id: "variant_2", title: "Gift", credits: " " },
      ],
    })
    expect(bodies).toEqual([{ service_id: "iapsvc_1", variant_id: "variant_1", credits: "50", expires_after_days: 365, category: "paid" }])
    for (const body of bodies) expect(AdminCreateCreditPack.safeParse(body).success).toBe(true)
  })

  it("pack product: empty prices are not sent, prices are numbers", () => {
    const body = packProductBody({
      service_id: "iapsvc_1",
      title: " SMS credits ",
      status: "published",
      category: "paid",
      sales_channel_ids: ["sc_1"],
      packs: [
        { credits: "100", title: "", expires_after_days: "", prices: [{ currency_code: "eur", amount: "9.5" }, { currency_code: "usd", amount: "" }] },
        { credits: "1000", title: "Big pack", expires_after_days: "90", prices: [{ currency_code: "eur", amount: "70" }, { currency_code: "usd", amount: "80" }] },
      ],
    })
    expect(body).toEqual({
      service_id: "iapsvc_1",
      title: "SMS credits",
      status: "published",
      sales_channel_ids: ["sc_1"],
      packs: [
        { credits: "100", expires_after_days: null, category: "paid", prices: [{ currency_code: "eur", amount: 9.5 }] },
        {
          credits: "1000",
          title: "Big pack",
          expires_after_days: 90,
          category: "paid",
          prices: [
            { currency_code: "eur", amount: 70 },
            { currency_code: "usd", amount: 80 },
          ],
        },
      ],
    })
    expect(AdminCreateCreditPackProduct.safeParse(body).success).toBe(true)
  })
})
