import { model } from "@medusajs/framework/utils"

/**
 * The idempotency record of every mutation of an account: one row per (account, key),
 * holding a hash of the request and the first result, which a replay returns.
 */
const IapOperation = model
  .define("iap_operation", {
    id: model.id({ prefix: "iapop" }).primaryKey(),
    account_id: model.text(),
    idempotency_key: model.text(),
    operation: model.text(),
    request_hash: model.text(),
    result: model.json(),
  })
  .indexes([{ on: ["account_id", "idempotency_key"], unique: true }])

export default IapOperation
