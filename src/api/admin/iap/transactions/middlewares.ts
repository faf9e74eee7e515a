import { validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import { exportAdminIapTransactionQueryConfig, listAdminIapTransactionQueryConfig } from "./query-config"
import { AdminExportIapTransactionsParams, AdminGetIapTransactionsParams } from "./validators"

export const adminIapTransactionsMiddlewares: MiddlewareRoute[] = [
  {
    method: ["GET"],
    matcher: "/admin/iap/transactions",
    middlewares: [validateAndTransformQuery(AdminGetIapTransactionsParams, listAdminIapTransactionQueryConfig)],
  },
  {
    method: ["GET"],
    matcher: "/admin/iap/transactions/export",
    middlewares: [validateAndTransformQuery(AdminExportIapTransactionsParams, exportAdminIapTransactionQueryConfig)],
  },
]
