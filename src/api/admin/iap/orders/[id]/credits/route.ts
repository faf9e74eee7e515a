import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { adminOrderIapCreditFields } from "../../query-config"
import { withIapErrors } from "../../../../../utils/iap-errors"

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/**
 * GET /admin/iap/orders/:id/credits → `{ order_id, lots }`: the credit lots this order's packs
 * created (pending until payment, available, expired or voided), each with its service.
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({ entity: "order", fields: adminOrderIapCreditFields, filters: { id: req.params.id } })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
  const now = Date.now()
  const lots = ((order as any).iap_credit_lots ?? [])
    .filter(Boolean)
    .map((l: any) => ({
      id: l.id,
      account_id: l.account_id,
      source_type: l.source_type,
      source_id: l.source_id,
      category: l.category,
      initial_amount: num(l.initial_amount),
      remaining: num(l.remaining),
      reserved: num(l.reserved) ?? 0,
      // A lot past expiry that the job has not swept yet already counts as expired.
      status: l.status === "available" && l.expires_at && new Date(l.expires_at).getTime() <= now ? "expired" : l.status,
      expires_at: iso(l.expires_at),
      unit_price: num(l.unit_price),
      currency_code: l.currency_code ?? null,
      created_at: iso(l.created_at),
      service: l.account?.service?.technical_name ?? null,
      service_name: l.account?.service?.name ?? null,
      unit_name: l.account?.service?.unit_name ?? null,
    }))
    .sort((a: any, b: any) => String(a.created_at).localeCompare(String(b.created_at)))
  res.json({ order_id: order.id, lots })
})
