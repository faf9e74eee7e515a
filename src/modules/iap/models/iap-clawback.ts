import { model } from "@medusajs/framework/utils"

/**
 * One clawback of credits a refund or a return took back from the lot an order line bought:
 * what was asked, what came out of the lot, what became debt and what could not be recovered
 * (credits already used, under the "clamp" policy). Written with its `clawback` ledger row,
 * never updated: the per-line totals an order shows are sums of these rows.
 */
const IapClawback = model
  .define("iap_clawback", {
    id: model.id({ prefix: "iapclaw" }).primaryKey(),
    account_id: model.text(),
    lot_id: model.text(),
    transaction_id: model.text(),
    order_id: model.text().nullable(),
    line_item_id: model.text().nullable(),
    reference_type: model.text(),
    reference_id: model.text(),
    idempotency_key: model.text(),
    policy: model.enum(["clamp", "debt"]),
    requested: model.bigNumber(),
    clawed: model.bigNumber(),
    debt: model.bigNumber(),
    shortfall: model.bigNumber(),
    /** The lot was still pending (payment not captured): voided whole instead of clawed back. */
    voided_pending: model.boolean().default(false),
  })
  .indexes([
    { on: ["account_id", "idempotency_key"], unique: true },
    { on: ["lot_id"] },
    { on: ["transaction_id"] },
    { on: ["order_id"] },
  ])
  .checks([
    { name: "iap_clawback_amounts_check", expression: "requested >= 0 AND clawed >= 0 AND debt >= 0 AND shortfall >= 0" },
  ])

export default IapClawback
