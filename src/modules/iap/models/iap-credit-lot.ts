import { model } from "@medusajs/framework/utils"
import IapAccount from "./iap-account"

/** One grant of credits. Debits and captures draw lots down; expiry and voids close them. */
const IapCreditLot = model
  .define("iap_credit_lot", {
    id: model.id({ prefix: "iaplot" }).primaryKey(),
    account: model.belongsTo(() => IapAccount, { mappedBy: "lots" }),
    source_type: model.enum(["purchase", "trial", "grant", "refund"]),
    source_id: model.text().nullable(),
    category: model.enum(["paid", "promotional"]),
    initial_amount: model.bigNumber(),
    remaining: model.bigNumber(),
    reserved: model.bigNumber().default(0),
    status: model.enum(["pending", "available", "expired", "voided"]),
    expires_at: model.dateTime().nullable(),
    unit_price: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([
    { on: ["account_id", "status"] },
    { on: ["source_type", "source_id"], unique: true, where: "source_type IN ('purchase', 'trial') AND source_id IS NOT NULL" },
    { on: ["expires_at"], where: "status = 'available' AND expires_at IS NOT NULL" },
  ])
  .checks([
    { name: "iap_credit_lot_remaining_check", expression: "remaining >= 0" },
    { name: "iap_credit_lot_reserved_check", expression: "reserved >= 0 AND reserved <= remaining" },
    { name: "iap_credit_lot_initial_check", expression: "initial_amount > 0 AND remaining <= initial_amount" },
  ])

export default IapCreditLot
