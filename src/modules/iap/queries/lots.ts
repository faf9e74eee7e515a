import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { fromDb, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { toLot } from "../ledger/db"
import { lotDto } from "../ledger/dto"
import type { IapCreditLotDTO, IapOrderCreditLotDTO, IapOrderLotClawbackDTO } from "../../../types"

/** Lot reads: a lot as a read shows it, and the lots an order bought with what refunds took back. */

/**
 * A lot as a read shows it: past its expiry and not swept by the job yet, it is already
 * expired, spent for good (docs/rules.md §7).
 *
 * @example
 * lotAsRead(lotDto(row), clock.now()).status // "expired" once expires_at has passed
 */
export function lotAsRead<L extends IapCreditLotDTO>(lot: L, now: Date): L {
  const due = lot.status === "available" && lot.expires_at !== null && new Date(lot.expires_at).getTime() <= now.getTime()
  return due ? { ...lot, status: "expired" } : lot
}

const LOT_COLUMNS = `l.id, l.account_id, l.source_type, l.source_id, l.category, l.initial_amount::text AS initial_amount,
  l.remaining::text AS remaining, l.reserved::text AS reserved, l.status, l.expires_at, l.unit_price::text AS unit_price,
  l.currency_code, l.created_at, s.technical_name AS service, s.name AS service_name, s.unit_name`

const CLAWBACK_COLUMNS = `id, lot_id, transaction_id, reference_type, reference_id, policy, requested::text AS requested,
  clawed::text AS clawed, debt::text AS debt, shortfall::text AS shortfall, voided_pending, created_at`

const units = (v: string) => fromDb(v)

/**
 * The lots an order's pack lines created (`lotIds`, from the order ↔ lot link), oldest first,
 * each with its service and the refunds' and returns' clawbacks from it and their totals.
 *
 * @example
 * const lots = await listOrderCreditLots(knex, "order_1", ["iaplot_1"])
 */
export async function listOrderCreditLots(knex: Knex, orderId: string, lotIds: string[]): Promise<IapOrderCreditLotDTO[]> {
  if (!lotIds.length) return []
  const now = clock.now()
  const { rows: lots } = await knex.raw(
    `SELECT ${LOT_COLUMNS} FROM iap_credit_lot l JOIN iap_account a ON a.id = l.account_id JOIN iap_service s ON s.id = a.service_id
     WHERE l.id = ANY(?) AND l.deleted_at IS NULL ORDER BY l.created_at, l.id`,
    [lotIds]
  )
  const { rows: clawbacks } = await knex.raw(
    `SELECT ${CLAWBACK_COLUMNS} FROM iap_clawback WHERE order_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
    [orderId]
  )
  return lots.map((r: any) => {
    const mine = clawbacks.filter((c: any) => c.lot_id === r.id)
    const sum = (pick: (c: any) => bigint) => toNumber(mine.reduce((s: bigint, c: any) => s + pick(c), 0n))
    return {
      ...lotAsRead(lotDto(toLot(r)), now),
      service: r.service,
      service_name: r.service_name,
      unit_name: r.unit_name,
      granted: toNumber(units(r.initial_amount)),
      clawed_back: sum((c) => units(c.clawed) + units(c.debt)),
      debt: sum((c) => units(c.debt)),
      shortfall: sum((c) => units(c.shortfall)),
      clawbacks: mine.map(
        (c: any): IapOrderLotClawbackDTO => ({
          id: c.id, transaction_id: c.transaction_id, reference_type: c.reference_type, reference_id: c.reference_id,
          policy: c.policy, requested: toNumber(units(c.requested)), clawed: toNumber(units(c.clawed)),
          debt: toNumber(units(c.debt)), shortfall: toNumber(units(c.shortfall)), voided_pending: c.voided_pending,
          created_at: new Date(c.created_at).toISOString(),
        })
      ),
    }
  })
}
