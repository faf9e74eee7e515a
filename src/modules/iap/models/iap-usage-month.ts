import { model } from "@medusajs/framework/utils"

/**
 * How much of a metric an account used in a calendar month (UTC, `month` as `YYYY-MM`): what
 * graduated tiers are priced by. Written with the usage's ledger row, under the account lock,
 * so it never needs a sum over the ledger.
 */
const IapUsageMonth = model
  .define("iap_usage_month", {
    id: model.id({ prefix: "iapum" }).primaryKey(),
    account_id: model.text(),
    metric: model.text(),
    month: model.text(),
    quantity: model.bigNumber(),
  })
  .indexes([{ on: ["account_id", "metric", "month"], unique: true }])

export default IapUsageMonth
