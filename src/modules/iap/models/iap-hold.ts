import { model } from "@medusajs/framework/utils"
import IapAccount from "./iap-account"
import IapTransaction from "./iap-transaction"
import IapHoldAllocation from "./iap-hold-allocation"

/** An authorization: credits reserved until captured, canceled or expired (two-phase debit). */
const IapHold = model
  .define("iap_hold", {
    id: model.id({ prefix: "iaphold" }).primaryKey(),
    account: model.belongsTo(() => IapAccount, { mappedBy: "holds" }),
    amount: model.bigNumber(),
    captured_amount: model.bigNumber().default(0),
    status: model.enum(["pending", "captured", "canceled", "expired"]).default("pending"),
    expires_at: model.dateTime(),
    resolved_at: model.dateTime().nullable(),
    description: model.text().nullable(),
    idempotency_key: model.text(),
    reference_type: model.text().nullable(),
    reference_id: model.text().nullable(),
    /** An authorization priced from a usage: the usage and its rate (a capture keeps them). */
    usage: model.json().nullable(),
    rate_id: model.text().nullable(),
    rate_version: model.number().nullable(),
    allocations: model.hasMany(() => IapHoldAllocation, { mappedBy: "hold" }),
    transactions: model.hasMany(() => IapTransaction, { mappedBy: "hold" }),
  })
  .indexes([
    { on: ["account_id", "idempotency_key"], unique: true },
    { on: ["expires_at"], where: "status = 'pending'" },
  ])
  .checks([
    { name: "iap_hold_amount_check", expression: "amount > 0" },
    { name: "iap_hold_captured_check", expression: "captured_amount >= 0 AND captured_amount <= amount" },
  ])

export default IapHold
