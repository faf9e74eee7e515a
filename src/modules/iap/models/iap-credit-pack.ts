import { model } from "@medusajs/framework/utils"
import IapService from "./iap-service"

/**
 * A credit pack sold through the store's checkout. It is linked to one product variant
 * (`src/links/iap-pack-product-variant.ts`): the variant's prices are the pack's prices, and
 * each unit of the variant bought grants `credits` on the buyer's account for `service`.
 */
const IapCreditPack = model
  .define("iap_credit_pack", {
    id: model.id({ prefix: "iappack" }).primaryKey(),
    service: model.belongsTo(() => IapService, { mappedBy: "packs" }),
    credits: model.bigNumber(),
    /** Lifetime of the bought credits from the moment they are granted; null = never expire. */
    expires_after_days: model.number().nullable(),
    category: model.enum(["paid", "promotional"]).default("paid"),
    metadata: model.json().nullable(),
  })
  .checks([
    { name: "iap_credit_pack_credits_check", expression: "credits > 0" },
    {
      name: "iap_credit_pack_expires_after_days_check",
      expression: "expires_after_days IS NULL OR expires_after_days > 0",
    },
  ])

export default IapCreditPack
