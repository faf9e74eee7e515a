import { model } from "@medusajs/framework/utils"

/**
 * An account's auto-recharge settings: when available credits drop below `trigger`, buy
 * `quantity` × the pack sold as `variant_id` through a real order in `region_id`, paid
 * off-session with the customer's saved `payment_method_id` (a method of the Payment Module
 * account holder `account_holder_id` at `provider_id`). `armed` makes the trigger edge-like:
 * a recharge disarms it, available credits back at the trigger re-arm it.
 */
const IapAutoRecharge = model
  .define("iap_auto_recharge", {
    id: model.id({ prefix: "iaparc" }).primaryKey(),
    account_id: model.text(),
    enabled: model.boolean().default(true),
    pack_id: model.text(),
    variant_id: model.text(),
    quantity: model.number().default(1),
    trigger: model.bigNumber(),
    monthly_count_cap: model.number().nullable(),
    monthly_amount_cap: model.bigNumber().nullable(),
    region_id: model.text(),
    currency_code: model.text(),
    sales_channel_id: model.text().nullable(),
    provider_id: model.text(),
    account_holder_id: model.text(),
    payment_method_id: model.text(),
    armed: model.boolean().default(true),
    /** Why it switched itself off (`declined`), null while the customer keeps it as set. */
    disabled_reason: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([{ on: ["account_id"], unique: true }])
  .checks([
    { name: "iap_auto_recharge_quantity_check", expression: "quantity > 0" },
    { name: "iap_auto_recharge_trigger_check", expression: "trigger > 0" },
    { name: "iap_auto_recharge_count_cap_check", expression: "monthly_count_cap IS NULL OR monthly_count_cap > 0" },
    { name: "iap_auto_recharge_amount_cap_check", expression: "monthly_amount_cap IS NULL OR monthly_amount_cap > 0" },
  ])

export default IapAutoRecharge
