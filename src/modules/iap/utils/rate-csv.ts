import { MedusaError } from "@medusajs/framework/utils"
import type { IapRateDTO } from "../../../types"

/**
 * A rate card version as CSV (e.g. 200 countries in a spreadsheet): one rate a line,
 * `metric,<one column per dimension key>,unit_credits,tiers`. An empty dimension cell means the
 * rate does not name that key; `*` is the fallback. `tiers` is `up_to:unit_credits` pairs
 * separated by `|`, the last one `*:unit_credits` (no limit).
 *
 * @example
 * metric,country,unit_credits,tiers
 * sms_part,DE,0.5,
 * sms_part,*,1,
 * token,,,1000:0.01|*:0.005
 */

const FIXED = ["metric", "unit_credits", "tiers"]

function field(value: unknown): string {
  const text = value === null || value === undefined ? "" : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The version's rates as CSV text (header first, CRLF line ends). */
export function ratesToCsv(rates: IapRateDTO[]): string {
  const keys = [...new Set(rates.flatMap((r) => Object.keys(r.dimensions)))].sort()
  const lines = [["metric", ...keys, "unit_credits", "tiers"]]
  for (const r of rates) {
    const tiers = r.tiers ? r.tiers.map((t) => `${t.up_to === null ? "*" : t.up_to}:${t.unit_credits}`).join("|") : ""
    lines.push([r.metric, ...keys.map((k) => r.dimensions[k] ?? ""), r.unit_credits === null ? "" : String(r.unit_credits), tiers])
  }
  return lines.map((l) => l.map(field).join(",")).join("\r\n") + "\r\n"
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"' && cell === "") quoted = true
    else if (c === ",") {
      record.push(cell)
      cell = ""
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++
      record.push(cell)
      records.push(record)
      record = []
      cell = ""
    } else cell += c
  }
  if (quoted) throw new MedusaError(MedusaError.Types.INVALID_DATA, "csv has an unclosed quote")
  if (cell !== "" || record.length) {
    record.push(cell)
    records.push(record)
  }
  return records.filter((r) => r.some((c) => c.trim() !== ""))
}

/**
 * Rates from CSV text, in the shape the rate card API takes (checked there, errors naming
 * `rates[i]`); a bad line or header names its line number here.
 */
export function csvToRates(text: string): Record<string, unknown>[] {
  const [header, ...rows] = parseCsv(text)
  const bad = (why: string): never => {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `csv ${why}`)
  }
  if (!header) bad("is empty")
  const names = header.map((h) => h.trim())
  for (const f of FIXED) if (!names.includes(f)) bad(`header must have a ${f} column`)
  if (new Set(names).size !== names.length) bad("header has a column twice")
  return rows.map((cells, i) => {
    const line = i + 2
    if (cells.length !== names.length) bad(`line ${line} has ${cells.length} fields, the header ${names.length}`)
    const get = (name: string) => cells[names.indexOf(name)].trim()
    const dimensions: Record<string, string> = {}
    names.forEach((n, j) => {
      if (!FIXED.includes(n) && cells[j].trim() !== "") dimensions[n] = cells[j].trim()
    })
    const tiersText = get("tiers")
    const tiers = tiersText
      ? tiersText.split("|").map((pair) => {
          const [upTo, unit, ...rest] = pair.split(":").map((x) => x.trim())
          if (unit === undefined || rest.length) bad(`line ${line}: tiers must be up_to:unit_credits pairs separated by |`)
          return { up_to: upTo === "*" ? null : upTo, unit_credits: unit }
        })
      : null
    return { metric: get("metric"), dimensions, unit_credits: get("unit_credits") || null, tiers }
  })
}
