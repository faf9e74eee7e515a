import { model } from "@medusajs/framework/utils"
import IapAccount from "./iap-account"
import IapHold from "./iap-hold"
import IapTransactionLot from "./iap-transaction-lot"

/**
 * The append-only ledger: `balance` of an account always equals the sum of its rows.
 * A database trigger refuses UPDATE and DELETE; a correction is a new `reversal` row.
 */
const IapTransaction = model
  .define("iap_transaction", {
    id: model.id({ prefix: "iaptx" }).primaryKey(),
    // Strict write order of the ledger (ids and timestamps can tie).
    seq: model.autoincrement(),
    account: model.belongsTo(() => IapAccount, { mappedBy: "transactions" }),
    type: model.enum(["grant", "purchase", "debit", "capture", "expiry", "void", "adjustment", "reversal", "clawback"]),
    amount: model.bigNumber(),
    balance_after: model.bigNumber(),
    hold: model.belongsTo(() => IapHold, { mappedBy: "transactions" }).nullable(),
    reference_type: model.text().nullable(),
    reference_id: model.text().nullable(),
    idempotency_key: model.text().nullable(),
    request_hash: model.text().nullable(),
    description: model.text().nullable(),
    actor_type: model.text().nullable(),
    actor_id: model.text().nullable(),
    /** A priced charge: the `{ metric, quantity, dimensions }` it was for and the rate that priced it. */
    usage: model.json().nullable(),
    rate_id: model.text().nullable(),
    rate_version: model.number().nullable(),
    lot_movements: model.hasMany(() => IapTransactionLot, { mappedBy: "transaction" }),
  })
  .indexes([
    { on: ["account_id", "created_at"] },
    { on: ["account_id", "idempotency_key"], unique: true, where: "idempotency_key IS NOT NULL" },
    { on: ["reference_type", "reference_id"] },
  ])

export default IapTransaction
