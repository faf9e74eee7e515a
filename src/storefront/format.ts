/**
 * Credits as a customer reads them: up to 4 decimals, grouped, with the unit.
 *
 * @example
 * formatCredits(1250.5, "SMS") // "1,250.5 SMS"
 */
export function formatCredits(value: number, unit?: string, locale?: string): string {
  const text = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value)
  return unit ? `${text} ${unit}` : text
}

/**
 * A price in its currency (Medusa's amounts are in the currency's main unit).
 *
 * @example
 * formatPrice(40, "eur", "en") // "€40.00"
 */
export function formatPrice(amount: number, currencyCode: string, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: currencyCode.toUpperCase() }).format(amount)
}

/** `a b c` without the falsy parts, so callers can append their own class names. */
export function cx(...parts: Array<string | false | null | undefined>): string {
  return parts.filter(Boolean).join(" ")
}

const CSV_SPECIAL = /[",\r\n]/

/**
 * Rows as an RFC 4180 CSV text (CRLF, quoted where needed); cells starting with = + - @ are
 * prefixed with ' so a spreadsheet does not run them as formulas.
 *
 * @example
 * toCsv([["type", "amount"], ["debit", -1]]) // "type,amount\r\ndebit,-1\r\n"
 */
export function toCsv(rows: unknown[][]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : String(v)
    if (typeof v === "string" && /^[=+\-@]/.test(s)) s = `'${s}`
    return CSV_SPECIAL.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  return rows.map((r) => r.map(cell).join(",") + "\r\n").join("")
}
