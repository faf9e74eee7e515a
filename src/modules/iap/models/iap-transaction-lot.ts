import { model } from "@medusajs/framework/utils"
import IapTransaction from "./iap-transaction"

/** How one ledger row moved one lot: negative when it drew the lot down. Append-only. */
const IapTransactionLot = model
  .define("iap_transaction_lot", {
    id: model.id({ prefix: "iaptxl" }).primaryKey(),
    transaction: model.belongsTo(() => IapTransaction, { mappedBy: "lot_movements" }),
    lot_id: model.text(),
    amount: model.bigNumber(),
  })
  .indexes([{ on: ["lot_id"] }])

export default IapTransactionLot
