/** Display helpers shared by the IAP pages and widgets. */

const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 })

/**
 * Credits as text: grouped digits, up to the 4 decimals the ledger keeps.
 *
 * @example
 * formatCredits(1234.5, "SMS") // "1,234.5 SMS"
 */
export function formatCredits(value: number | string | null | undefined, unit?: string | null): string {
  if (value === null || value === undefined || value === "") return "-"
  const n = typeof value === "number" ? value : Number(value)
  const text = Number.isFinite(n) ? NUMBER.format(n) : String(value)
  return unit ? `${text} ${unit}` : text
}

/** A signed amount for the ledger: "+100", "-12". */
export function formatSigned(value: number): string {
  return value > 0 ? `+${NUMBER.format(value)}` : NUMBER.format(value)
}

/**
 * A date or date-time, in the browser's locale; "-" when missing.
 *
 * @example
 * formatDate("2030-01-02T10:00:00Z") // "Jan 2, 2030"
 */
export function formatDate(value: string | Date | null | undefined, withTime = false): string {
  if (!value) return "-"
  const d = new Date(value)
  if (Number.isNaN(d.getTime())) return "-"
  return d.toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit" } : {}),
  })
}

/** A price in major units with its currency. */
export function formatMoney(amount: number, currencyCode: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
  } catch {
    return `${amount} ${currencyCode.toUpperCase()}`
  }
}

/** Who holds an account: the customer's email (or name), else "Store". */
export function holderLabel(account: {
  customer_id: string | null
  customer?: { email: string | null; first_name: string | null; last_name: string | null; company_name?: string | null } | null
}): string {
  if (!account.customer_id) return "Store"
  const c = account.customer
  if (!c) return account.customer_id
  const name = [c.first_name, c.last_name].filter(Boolean).join(" ")
  return c.email ?? (name || account.customer_id)
}

/** A restriction's channel names; "All sales channels" when unrestricted. */
export function restrictionLabel(account: { sales_channel_ids: string[]; sales_channels?: { id: string; name: string | null }[] }): string {
  if (!account.sales_channel_ids.length) return "All sales channels"
  const names = new Map((account.sales_channels ?? []).map((c) => [c.id, c.name]))
  return account.sales_channel_ids.map((id) => names.get(id) ?? `${id} (deleted)`).join(", ")
}

/**
 * The number a variant title starts with ("500 SMS" → "500", "1,000 SMS" → "1000"): a pack
 * variant's title often names its credits, so forms prefill them from it.
 *
 * @example
 * leadingNumber("500 SMS") // "500"
 */
export function leadingNumber(title: string | null | undefined): string {
  const m = /^\s*([\d.,]+)/.exec(title ?? "")
  return m ? m[1].replace(/,/g, "") : ""
}
