import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../../../../../modules/iap"
import type IapModuleService from "../../../../../../modules/iap/service"
import type { AdminOrderCreditsResponse } from "../../../../../../types/http/orders"
import { adminOrderIapCreditFields } from "../../query-config"
import { withIapErrors } from "../../../../../utils/iap-errors"

/**
 * GET /admin/iap/orders/:id/credits → `{ order_id, lots }`: the credit lots this order's packs
 * created (pending until payment, available, expired or voided), each with its service and
 * what refunds and returns took back from it (granted, clawed back, debt, shortfall, clawbacks).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminOrderCreditsResponse>) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({ entity: "order", fields: adminOrderIapCreditFields, filters: { id: req.params.id } })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
  const lotIds = ((order as any).iap_credit_lots ?? []).filter(Boolean).map((l: { id: string }) => l.id)
  const lots = await req.scope.resolve<IapModuleService>(IAP_MODULE).listOrderCreditLots(order.id, lotIds)
  res.json({ order_id: order.id, lots })
})
