import { model } from "@medusajs/framework/utils"
import IapAccount from "./iap-account"
import IapCreditPack from "./iap-credit-pack"
import IapRateVersion from "./iap-rate-version"

/** A service sold for prepaid credits (Odoo's "IAP service": sms, snailmail, reveal...). */
const IapService = model
  .define("iap_service", {
    id: model.id({ prefix: "iapsvc" }).primaryKey(),
    technical_name: model.text().searchable(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    unit_name: model.text().default("credits"),
    integer_credits: model.boolean().default(false),
    trial_credits: model.bigNumber().default(0),
    default_warning_threshold: model.bigNumber().nullable(),
    provider_type: model.enum(["first_party", "third_party"]).default("first_party"),
    status: model.enum(["active", "archived"]).default("active"),
    key_hash: model.text().nullable(),
    key_hint: model.text().nullable(),
    hold_ttl_seconds: model.number().nullable(),
    metadata: model.json().nullable(),
    /** Bumped by every rate card change: a cached price of an older revision is never charged. */
    rate_revision: model.number().default(0),
    accounts: model.hasMany(() => IapAccount, { mappedBy: "service" }),
    packs: model.hasMany(() => IapCreditPack, { mappedBy: "service" }),
    rate_versions: model.hasMany(() => IapRateVersion, { mappedBy: "service" }),
  })
  .indexes([
    { on: ["technical_name"], unique: true },
    { on: ["key_hash"], unique: true, where: "key_hash IS NOT NULL" },
  ])
  .checks([
    { name: "iap_service_trial_credits_check", expression: "trial_credits >= 0" },
    {
      name: "iap_service_hold_ttl_check",
      expression: "hold_ttl_seconds IS NULL OR (hold_ttl_seconds > 0 AND hold_ttl_seconds <= 15552000)",
    },
  ])

export default IapService
