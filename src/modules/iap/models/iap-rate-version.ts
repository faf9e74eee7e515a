import { model } from "@medusajs/framework/utils"
import IapRate from "./iap-rate"
import IapService from "./iap-service"

/**
 * One version of a service's rate card: its rates apply to usages from `valid_from` until the
 * next version's `valid_from`. A version in effect may already have priced a charge, so only
 * versions still in the future can be edited or deleted (ledger rows keep `rate_version`).
 */
const IapRateVersion = model
  .define("iap_rate_version", {
    id: model.id({ prefix: "iaprv" }).primaryKey(),
    service: model.belongsTo(() => IapService, { mappedBy: "rate_versions" }),
    version: model.number(),
    valid_from: model.dateTime(),
    note: model.text().nullable(),
    rates: model.hasMany(() => IapRate, { mappedBy: "rate_version" }),
  })
  .indexes([
    { on: ["service_id", "version"], unique: true },
    { on: ["service_id", "valid_from"], unique: true },
  ])
  .checks([{ name: "iap_rate_version_version_check", expression: "version > 0" }])

export default IapRateVersion
