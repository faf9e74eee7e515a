import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../../../../../modules/iap"
import type IapModuleService from "../../../../../../modules/iap/service"
import type { AdminOrderCreditsResponse, AdminOrderLotClawback } from "../../../../../../types/http/orders"
import { adminOrderIapCreditFields } from "../../query-config"
import { withIapErrors } from "../../../../../utils/iap-errors"

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))
const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null)

/**
 * GET /admin/iap/orders/:id/credits → `{ order_id, lots }`: the credit lots this order's packs
 * created (pending until payment, available, expired or voided), each with its service and
 * what refunds and returns took back from it (granted, clawed back, debt, shortfall, clawbacks).
 */
export const GET = withIapErrors(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminOrderCreditsResponse>) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({ entity: "order", fields: adminOrderIapCreditFields, filters: { id: req.params.id } })
  if (!order) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Order with id: ${req.params.id} was not found`)
  const now = Date.now()
  const clawbacks = await req.scope.resolve<IapModuleService>(IAP_MODULE).listIapClawbacks({ order_id: order.id }, { order: { created_at: "ASC" } })
  const byLot = new Map<string, AdminOrderLotClawback[]>()
  for (const c of clawbacks as any[]) {
    const row: AdminOrderLotClawback = {
      id: c.id, transaction_id: c.transaction_id, reference_type: c.reference_type, reference_id: c.reference_id, policy: c.policy,
      requested: Number(c.requested), clawed: Number(c.clawed), debt: Number(c.debt), shortfall: Number(c.shortfall),
      voided_pending: c.voided_pending, created_at: iso(c.created_at)!,
    }
    byLot.set(c.lot_id, [...(byLot.get(c.lot_id) ?? []), row])
  }
  // Sums in 1/10_000 units: decimal credits added as floats drift.
  const total = (rows: AdminOrderLotClawback[], pick: (r: AdminOrderLotClawback) => number) =>
    rows.reduce((s, r) => s + Math.round(pick(r) * 10_000), 0) / 10_000
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
      granted: num(l.initial_amount)!,
      clawed_back: total(byLot.get(l.id) ?? [], (r) => r.clawed + r.debt),
      debt: total(byLot.get(l.id) ?? [], (r) => r.debt),
      shortfall: total(byLot.get(l.id) ?? [], (r) => r.shortfall),
      clawbacks: byLot.get(l.id) ?? [],
    }))
    .sort((a: any, b: any) => String(a.created_at).localeCompare(String(b.created_at)))
  res.json({ order_id: order.id, lots })
})
