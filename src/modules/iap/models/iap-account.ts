import { model } from "@medusajs/framework/utils"
import IapService from "./iap-service"
import IapCreditLot from "./iap-credit-lot"
import IapTransaction from "./iap-transaction"
import IapHold from "./iap-hold"
import IapAccountToken from "./iap-account-token"

/**
 * Credits of one holder (a customer, or the store when `customer_id` is null) for one service.
 * `balance`, `reserved`, `pending` and `debt` are kept in step with the lots and the ledger
 * under a row lock, so reads never sum the ledger.
 */
const IapAccount = model
  .define("iap_account", {
    id: model.id({ prefix: "iapacc" }).primaryKey(),
    service: model.belongsTo(() => IapService, { mappedBy: "accounts" }),
    customer_id: model.text().nullable(),
    sales_channel_ids: model.array().default([]),
    token_hash: model.text(),
    token_hint: model.text(),
    balance: model.bigNumber().default(0),
    reserved: model.bigNumber().default(0),
    pending: model.bigNumber().default(0),
    debt: model.bigNumber().default(0),
    overdraft_limit: model.bigNumber().default(0),
    state: model.enum(["active", "suspended", "closed"]).default("active"),
    warning_threshold: model.bigNumber().nullable(),
    warning_emails: model.array().default([]),
    warning_armed: model.boolean().default(true),
    metadata: model.json().nullable(),
    lots: model.hasMany(() => IapCreditLot, { mappedBy: "account" }),
    transactions: model.hasMany(() => IapTransaction, { mappedBy: "account" }),
    holds: model.hasMany(() => IapHold, { mappedBy: "account" }),
    odoo_tokens: model.hasMany(() => IapAccountToken, { mappedBy: "account" }),
  })
  .indexes([
    { on: ["customer_id"] },
    { on: ["token_hash"], unique: true },
  ])
  .checks([
    { name: "iap_account_reserved_check", expression: "reserved >= 0" },
    { name: "iap_account_pending_check", expression: "pending >= 0" },
    { name: "iap_account_debt_check", expression: "debt >= 0" },
    { name: "iap_account_overdraft_check", expression: "overdraft_limit >= 0" },
  ])

export default IapAccount
