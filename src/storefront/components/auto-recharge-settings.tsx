"use client"
import React, { useEffect, useState } from "react"
import type { IapStoreClient } from "../client"
import type { IapAutoRechargeDTO } from "../../types/auto-recharge"
import type { IapSavedPaymentMethodDTO } from "../../types/http/auto-recharge"
import { cx, formatCredits, formatPrice } from "../format"
import { toError, useIapQuery } from "../hooks"
import { Empty, ErrorNotice, Loading } from "./states"

export type AutoRechargeSettingsProps = {
  client: IapStoreClient
  accountId: string
  /** Region whose packs, prices and currency the recharge orders use. */
  regionId: string
  /** How a saved payment method reads in the list; by default its brand and last digits, else its id. */
  paymentMethodLabel?: (method: IapSavedPaymentMethodDTO) => string
  className?: string
}

/**
 * "Brand •••• 4242" for the card-like data providers keep (Stripe: `data.card`), else the id.
 *
 * @example
 * defaultPaymentMethodLabel({ id: "pm_1", provider_id: "pp_stripe_stripe", account_holder_id: "h", data: { card: { brand: "visa", last4: "4242" } } }) // "Visa •••• 4242"
 */
export function defaultPaymentMethodLabel(method: IapSavedPaymentMethodDTO): string {
  const d = method.data as { card?: { brand?: string; last4?: string }; brand?: string; last4?: string }
  const brand = d.card?.brand ?? d.brand
  const last4 = d.card?.last4 ?? d.last4
  const name = brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : null
  if (name && last4) return `${name} •••• ${last4}`
  return name ? `${name} (${method.id})` : method.id
}

type Form = { variant_id: string; quantity: string; trigger: string; count_cap: string; amount_cap: string; payment_method: string }

const STATUS_TEXT: Record<string, string> = {
  pending: "In progress",
  processing: "In progress",
  succeeded: "Paid",
  failed: "Declined",
  requires_action: "Needs you",
  capped: "Monthly cap reached",
  canceled: "Canceled",
}

function formOf(settings: IapAutoRechargeDTO | null, variantIds: string[], methods: IapSavedPaymentMethodDTO[]): Form {
  return {
    variant_id: settings?.variant_id ?? variantIds[0] ?? "",
    quantity: String(settings?.quantity ?? 1),
    trigger: settings ? String(settings.trigger) : "",
    count_cap: settings?.monthly_count_cap == null ? "" : String(settings.monthly_count_cap),
    amount_cap: settings?.monthly_amount_cap == null ? "" : String(settings.monthly_amount_cap),
    payment_method: settings?.payment_method_id ?? methods[0]?.id ?? "",
  }
}

/**
 * The account's auto-recharge: which pack to buy (and how many) when available credits drop
 * below a trigger, monthly caps, and the saved payment method paying off-session. Save, switch
 * off (settings kept), switch on again, or remove (after a confirmation). Needs a saved payment
 * method: without one it says how to get one. The API's 400/404 messages are shown as they come.
 *
 * @example
 * <AutoRechargeSettings client={iap} accountId={account.id} regionId={region.id} />
 */
export function AutoRechargeSettings({ client, accountId, regionId, paymentMethodLabel = defaultPaymentMethodLabel, className }: AutoRechargeSettingsProps) {
  const { data, error, loading, reload } = useIapQuery(async () => {
    const [{ account }, settings, { payment_methods }] = await Promise.all([
      client.retrieveAccount(accountId),
      client.retrieveAutoRecharge(accountId),
      client.listPaymentMethods(),
    ])
    const { packs } = await client.listPacks({ region_id: regionId, service: account.service })
    return { account, settings, methods: payment_methods, packs }
  }, `auto-recharge:${accountId}:${regionId}`)
  const [form, setForm] = useState<Form | null>(null)
  const [busy, setBusy] = useState(false)
  const [actionError, setActionError] = useState<Error | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [confirmingRemove, setConfirmingRemove] = useState(false)
  const [settings, setSettings] = useState<IapAutoRechargeDTO | null>(null)
  useEffect(() => {
    if (!data) return
    setSettings(data.settings.auto_recharge)
    setForm(formOf(data.settings.auto_recharge, data.packs.map((p) => p.variant_id), data.methods))
  }, [data])
  if (loading && !data) return <Loading className={className} />
  if (error) return <ErrorNotice error={error} onRetry={reload} className={className} />
  const { account, packs, methods } = data!
  const unit = account.unit_name
  const id = `iap-recharge-${accountId}`
  const pack = packs.find((p) => p.variant_id === (settings?.variant_id ?? form?.variant_id))

  const run = async (action: () => Promise<string>) => {
    setBusy(true)
    setActionError(null)
    setNotice(null)
    try {
      setNotice(await action())
    } catch (e) {
      setActionError(toError(e))
    } finally {
      setBusy(false)
    }
  }
  const body = (f: Form, enabled: boolean) => {
    const method = methods.find((m) => m.id === f.payment_method)
    return {
      enabled,
      variant_id: f.variant_id,
      quantity: Number(f.quantity),
      trigger: f.trigger.trim(),
      monthly_count_cap: f.count_cap.trim() === "" ? null : Number(f.count_cap),
      monthly_amount_cap: f.amount_cap.trim() === "" ? null : f.amount_cap.trim(),
      region_id: regionId,
      // A method no longer listed keeps the provider it was saved with.
      provider_id: method?.provider_id ?? settings?.provider_id ?? "",
      payment_method_id: f.payment_method,
    }
  }
  const save = (enabled: boolean) =>
    run(async () => {
      const res = await client.saveAutoRecharge(accountId, body(enabled || !settings ? form! : formOf(settings, [], methods), enabled))
      setSettings(res.auto_recharge)
      return enabled ? "Auto-recharge saved." : "Auto-recharge switched off."
    })
  const remove = () =>
    run(async () => {
      await client.removeAutoRecharge(accountId)
      setSettings(null)
      setConfirmingRemove(false)
      setForm(formOf(null, packs.map((p) => p.variant_id), methods))
      return "Auto-recharge removed."
    })
  const set = (key: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm((f) => ({ ...f!, [key]: e.target.value }))
  const input = "border border-ui-border-base rounded-rounded px-2 py-1"
  const button = "self-start rounded-rounded bg-ui-button-inverted text-ui-fg-on-inverted px-3 py-1.5 disabled:opacity-50"

  const summary = !settings
    ? "Auto-recharge is not set up."
    : !settings.enabled
      ? settings.disabled_reason === "declined"
        ? "Auto-recharge switched itself off after declined payments. Check the payment method and save to switch it on again."
        : "Auto-recharge is off."
      : `On: when available ${unit} drop below ${formatCredits(settings.trigger)}, buy ${settings.quantity} × ${pack ? pack.variant_title : "the chosen pack"}.`

  return (
    <section aria-labelledby={`${id}-title`} className={cx("flex flex-col gap-y-3 txt-compact-small", className)}>
      <h3 id={`${id}-title`} className="txt-compact-medium-plus">Auto-recharge</h3>
      <p role="status" aria-live="polite">{summary}</p>
      {methods.length === 0 && !settings ? (
        <Empty>Auto-recharge pays with a saved payment method: save a card when you next buy credits, then come back here.</Empty>
      ) : packs.length === 0 ? (
        <Empty>No {account.service_name} packs are on sale in this region.</Empty>
      ) : (
        form && (
          <form
            aria-label="Auto-recharge settings"
            className="flex flex-col gap-y-2"
            onSubmit={(e) => {
              e.preventDefault()
              save(true)
            }}
          >
            <label htmlFor={`${id}-pack`}>Pack to buy</label>
            <select id={`${id}-pack`} value={form.variant_id} onChange={set("variant_id")} className={input}>
              {packs.map((p) => (
                <option key={p.variant_id} value={p.variant_id}>
                  {p.variant_title}
                  {p.calculated_price ? ` (${formatPrice(p.calculated_price.calculated_amount, p.calculated_price.currency_code)})` : ""}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-quantity`}>Quantity</label>
            <input id={`${id}-quantity`} type="number" min={1} max={1000} step={1} required value={form.quantity} onChange={set("quantity")} className={input} />
            <label htmlFor={`${id}-trigger`}>Recharge when available {unit} drop below</label>
            <input id={`${id}-trigger`} inputMode="decimal" required value={form.trigger} onChange={set("trigger")} className={input} />
            <label htmlFor={`${id}-count-cap`}>At most this many recharges a month (optional)</label>
            <input id={`${id}-count-cap`} type="number" min={1} max={1000} step={1} value={form.count_cap} onChange={set("count_cap")} placeholder="No limit" className={input} />
            <label htmlFor={`${id}-amount-cap`}>
              At most this much a month{pack?.calculated_price ? `, in ${pack.calculated_price.currency_code.toUpperCase()}` : ""} (optional)
            </label>
            <input id={`${id}-amount-cap`} inputMode="decimal" value={form.amount_cap} onChange={set("amount_cap")} placeholder="No limit" className={input} />
            <label htmlFor={`${id}-method`}>Pay with</label>
            <select id={`${id}-method`} value={form.payment_method} onChange={set("payment_method")} required className={input}>
              {!methods.some((m) => m.id === form.payment_method) && <option value={form.payment_method}>{form.payment_method || "Choose a saved payment method"}</option>}
              {methods.map((m) => (
                <option key={m.id} value={m.id}>{paymentMethodLabel(m)}</option>
              ))}
            </select>
            {actionError && <ErrorNotice error={actionError} />}
            {notice && <p role="status" className="text-ui-fg-subtle">{notice}</p>}
            <div className="flex flex-wrap items-center gap-2">
              <button type="submit" disabled={busy} className={button}>
                {busy ? "Saving…" : settings?.enabled ? "Save auto-recharge" : settings ? "Save and switch on" : "Switch on auto-recharge"}
              </button>
              {settings?.enabled && (
                <button type="button" disabled={busy} onClick={() => save(false)} className="underline disabled:opacity-50">
                  Switch off
                </button>
              )}
              {settings && !confirmingRemove && (
                <button type="button" disabled={busy} onClick={() => setConfirmingRemove(true)} className="underline disabled:opacity-50">
                  Remove
                </button>
              )}
            </div>
            {confirmingRemove && (
              <div role="group" aria-label="Confirm removing auto-recharge" className="flex items-center gap-x-2">
                <span>Your settings are forgotten; recharges already made stay.</span>
                <button type="button" disabled={busy} onClick={remove} className="underline text-ui-fg-error">Remove now</button>
                <button type="button" onClick={() => setConfirmingRemove(false)} className="underline">Keep them</button>
              </div>
            )}
          </form>
        )
      )}
      {data!.settings.recharges.length > 0 && (
        <ul aria-label="Recent recharges" className="flex flex-col gap-y-1 text-ui-fg-subtle">
          {data!.settings.recharges.slice(0, 5).map((r) => (
            <li key={r.id}>
              {new Date(r.created_at).toLocaleDateString()}: {formatCredits(r.credits, unit)}, {STATUS_TEXT[r.status] ?? r.status}
              {r.amount !== null ? ` (${formatPrice(r.amount, r.currency_code)})` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
