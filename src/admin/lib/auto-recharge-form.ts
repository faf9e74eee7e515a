/**
 * The auto-recharge drawer's form: its schema (what the form can tell before a request) and the
 * request body it sends to `POST /admin/iap/accounts/:id/auto-recharge`, whose validator has the
 * finer rules (pack of the account's service, the customer's own method, a region offering its
 * provider) and names the refused field in its message, shown as is.
 */
import { z } from "@medusajs/framework/zod"
import type { UpsertAutoRechargeType } from "../../api/utils/auto-recharge-validators"
import type { IapAutoRechargeDTO } from "../../types"
import type { IapSavedPaymentMethodDTO } from "../../types/http"
import { amountInput } from "./schemas"

export type { UpsertAutoRechargeType }

const wholeInput = (label: string, optional: boolean) =>
  z.string().refine((v) => (optional && !v.trim()) || /^[1-9]\d*$/.test(v.trim()), `${label} must be a whole number above 0`)

export const autoRechargeFormSchema = z.object({
  enabled: z.boolean(),
  variant_id: z.string().min(1, "Choose a pack"),
  quantity: wholeInput("Quantity", false),
  trigger: amountInput("Trigger"),
  monthly_count_cap: wholeInput("Recharges per month", true),
  monthly_amount_cap: amountInput("Money per month", { optional: true }),
  /** `paymentMethodKey(method)`: a method id is only unique at its provider. */
  payment_method: z.string().min(1, "Choose a saved payment method"),
  region_id: z.string().min(1, "Choose a region"),
})
export type AutoRechargeFormValues = z.input<typeof autoRechargeFormSchema>

/**
 * The select value of a saved method: provider and id.
 *
 * @example
 * paymentMethodKey({ provider_id: "pp_stripe_stripe", id: "pm_1" }) // "pp_stripe_stripe|pm_1"
 */
export const paymentMethodKey = (m: Pick<IapSavedPaymentMethodDTO, "provider_id" | "id">) => `${m.provider_id}|${m.id}`

/** The form's values for existing settings, or a blank form with auto-recharge on and one pack. */
export function autoRechargeFormDefaults(s: IapAutoRechargeDTO | null): AutoRechargeFormValues {
  const text = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v))
  return {
    enabled: s?.enabled ?? true,
    variant_id: s?.variant_id ?? "",
    quantity: s ? String(s.quantity) : "1",
    trigger: text(s?.trigger),
    monthly_count_cap: text(s?.monthly_count_cap),
    monthly_amount_cap: text(s?.monthly_amount_cap),
    payment_method: s ? paymentMethodKey({ provider_id: s.provider_id, id: s.payment_method_id }) : "",
    region_id: s?.region_id ?? "",
  }
}

/**
 * The request body: empty caps sent as null (no cap), so editing can also remove a cap.
 *
 * @example
 * autoRechargeBody({ ...values, payment_method: "pp_iaptest_card|pm_visa_cus_1" })
 * // { …, provider_id: "pp_iaptest_card", payment_method_id: "pm_visa_cus_1" }
 */
export function autoRechargeBody(v: AutoRechargeFormValues): UpsertAutoRechargeType {
  const split = v.payment_method.indexOf("|")
  return {
    enabled: v.enabled,
    variant_id: v.variant_id,
    quantity: Number(v.quantity.trim()),
    trigger: v.trigger.trim(),
    monthly_count_cap: v.monthly_count_cap.trim() ? Number(v.monthly_count_cap.trim()) : null,
    monthly_amount_cap: v.monthly_amount_cap.trim() || null,
    region_id: v.region_id,
    provider_id: v.payment_method.slice(0, split),
    payment_method_id: v.payment_method.slice(split + 1),
  }
}

/** Long ids cut in the middle, so a label fits on one line of the picker and stays recognisable. */
const shortId = (id: string) => (id.length > 28 ? `${id.slice(0, 18)}…${id.slice(-6)}` : id)

/**
 * How a saved method reads in the picker: what the provider tells of the card, then its id
 * (cut in the middle when long) and provider.
 *
 * @example
 * paymentMethodLabel({ id: "pm_1", provider_id: "pp_stripe_stripe", data: { brand: "visa", last4: "4242" } })
 * // "visa •••• 4242 · pm_1 (pp_stripe_stripe)"
 */
export function paymentMethodLabel(m: IapSavedPaymentMethodDTO): string {
  const d = m.data as Record<string, unknown>
  const card = (d.card ?? {}) as Record<string, unknown>
  const brand = d.brand ?? card.brand
  const last4 = d.last4 ?? card.last4
  const what = [brand, last4 && `•••• ${last4}`].filter(Boolean).join(" ")
  return `${what ? `${what} · ` : ""}${shortId(m.id)} (${m.provider_id})`
}
