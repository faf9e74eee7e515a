import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { iapService } from "../../../../utils/portal"
import { drainedOrClosed, transactionCsvHeader, transactionCsvRow } from "../csv"
import { toTransactionFilters } from "../filters"
import { EXPORT_BATCH_SIZE } from "../query-config"
import type { AdminExportIapTransactionsParamsType } from "../validators"
import { withIapErrors } from "../../../../utils/iap-errors"

/**
 * GET /admin/iap/transactions/export: the filtered ledger as an RFC 4180 CSV file (CRLF, quoted
 * fields), in write order. Rows stream from a database cursor a batch at a time, waiting for the
 * client to drain, so a ledger of any length is never held in memory.
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest<unknown, AdminExportIapTransactionsParamsType>, res: MedusaResponse) => {
  const filters = toTransactionFilters(req.validatedQuery as AdminExportIapTransactionsParamsType)
  // Headers go out with the first batch, so an error before it still answers with a JSON status.
  const start = () => {
    if (res.headersSent) return
    res.status(200)
    res.setHeader("Content-Type", "text/csv; charset=utf-8")
    res.setHeader("Content-Disposition", `attachment; filename="iap-transactions-${new Date().toISOString().slice(0, 10)}.csv"`)
    res.setHeader("Cache-Control", "no-store")
    res.write(transactionCsvHeader())
  }
  try {
    await iapService(req).exportTransactions(filters, EXPORT_BATCH_SIZE, async (rows) => {
      start()
      if (!res.write(rows.map(transactionCsvRow).join(""))) await drainedOrClosed(res)
      if (res.destroyed) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "IAP export: the client closed the connection")
    })
  } catch (e) {
    if (!res.headersSent) throw e
    res.destroy(e as Error)
    return
  }
  start()
  res.end()
})
