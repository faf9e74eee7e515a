import type { MedusaResponse } from "@medusajs/framework/http"
import type { IapExportTransactionRow } from "../../../../types/portal"

/** The CSV export's columns, in order (the header row). */
export const TRANSACTION_CSV_COLUMNS = [
  "seq",
  "id",
  "created_at",
  "account_id",
  "service",
  "customer_id",
  "type",
  "amount",
  "balance_after",
  "description",
  "reference_type",
  "reference_id",
  "hold_id",
  "actor_type",
  "actor_id",
  "idempotency_key",
] as const

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, quotes doubled.
 *
 * @example
 * csvField('say "hi", then go') // "\"say \"\"hi\"\", then go\""
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return ""
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/**
 * A record of fields, CRLF-terminated (RFC 4180).
 *
 * @example
 * csvRecord(["a", null, "b,c"]) // 'a,,"b,c"\r\n'
 */
export function csvRecord(fields: unknown[]): string {
  return fields.map(csvField).join(",") + "\r\n"
}

/**
 * The header record of the ledger export.
 *
 * @example
 * res.write(transactionCsvHeader())
 */
export function transactionCsvHeader(): string {
  return csvRecord([...TRANSACTION_CSV_COLUMNS])
}

/**
 * One ledger row as a CSV record, in `TRANSACTION_CSV_COLUMNS` order.
 *
 * @example
 * res.write(rows.map(transactionCsvRow).join(""))
 */
export function transactionCsvRow(row: IapExportTransactionRow): string {
  return csvRecord(TRANSACTION_CSV_COLUMNS.map((column) => row[column]))
}

/**
 * Resolves when the client took the buffered data, or left; never leaves listeners behind.
 *
 * @example
 * if (!res.write(chunk)) await drainedOrClosed(res)
 */
export function drainedOrClosed(res: MedusaResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done)
      res.off("close", done)
      resolve()
    }
    res.once("drain", done)
    res.once("close", done)
  })
}
