import { MedusaError } from "@medusajs/framework/utils"

/** The shapes Odoo sends: its account tokens and database UUIDs (pure checks). */

/** Printable ASCII without spaces; Odoo's are 32 hex digits (a neutralized copy adds `+disabled`). */
export const ODOO_TOKEN = /^[\x21-\x7e]{16,200}$/
/** Odoo's `database.uuid`: a UUID, with or without dashes. */
export const ODOO_DBUUID = /^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/

/**
 * Odoo sends its `database.uuid` in either spelling; one form is stored and compared.
 *
 * @example
 * normalizeDbuuid("8E5F7C1A3B2D11EF9A1B0242AC120002") // "8e5f7c1a-3b2d-11ef-9a1b-0242ac120002"
 */
export function normalizeDbuuid(dbuuid: string): string {
  if (typeof dbuuid !== "string" || !ODOO_DBUUID.test(dbuuid)) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "dbuuid must be the Odoo database's UUID (database.uuid)")
  }
  const hex = dbuuid.replace(/-/g, "").toLowerCase()
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
