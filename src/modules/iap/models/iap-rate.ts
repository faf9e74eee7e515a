import { model } from "@medusajs/framework/utils"
import IapRateVersion from "./iap-rate-version"

/**
 * A price of one `metric` (e.g. `sms_part`) for usages whose dimensions match (`{ country: "DE" }`;
 * `*` or a missing key matches any value). Either `unit_credits` per unit, or graduated `tiers`
 * by the account's quantity of the metric in the calendar month (`[{ up_to, unit_credits }]`,
 * the last `up_to` null), kept as decimal strings.
 */
const IapRate = model
  .define("iap_rate", {
    id: model.id({ prefix: "iaprate" }).primaryKey(),
    rate_version: model.belongsTo(() => IapRateVersion, { mappedBy: "rates" }),
    metric: model.text(),
    dimensions: model.json().default({}),
    unit_credits: model.bigNumber().nullable(),
    tiers: model.json().nullable(),
  })
  .indexes([{ on: ["rate_version_id", "metric"] }])
  .checks([
    {
      name: "iap_rate_price_check",
      expression: "(unit_credits IS NULL) <> (tiers IS NULL) AND (unit_credits IS NULL OR unit_credits >= 0)",
    },
  ])

export default IapRate
