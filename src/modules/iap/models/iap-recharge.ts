import { model } from "@medusajs/framework/utils"

/**
 * One attempt to recharge an account: a real order for the pack, paid off-session. At most
 * one attempt per account is in flight (`pending` or `processing`), across processes: a
 * partial unique index says so. A declined attempt is retried as a new row (`retry_of`
 * unique: one retry per attempt). `capped` rows record a trigger the monthly cap refused.
 */
const IapRecharge = model
  .define("iap_recharge", {
    id: model.id({ prefix: "iaprch" }).primaryKey(),
    account_id: model.text(),
    status: model
      .enum(["pending", "processing", "succeeded", "failed", "requires_action", "capped", "canceled"])
      .default("pending"),
    attempt: model.number().default(1),
    retry_of: model.text().nullable(),
    pack_id: model.text(),
    variant_id: model.text(),
    quantity: model.number(),
    credits: model.bigNumber(),
    amount: model.bigNumber().nullable(),
    currency_code: model.text(),
    provider_id: model.text(),
    payment_method_id: model.text(),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    payment_id: model.text().nullable(),
    error_code: model.text().nullable(),
    error: model.text().nullable(),
    next_attempt_at: model.dateTime().nullable(),
    /** A process working on the attempt owns it until then; after, the retry job may resume it. */
    claimed_until: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
  })
  .indexes([
    { name: "IDX_iap_recharge_one_in_flight", on: ["account_id"], unique: true, where: "status IN ('pending', 'processing')" },
    { on: ["retry_of"], unique: true, where: "retry_of IS NOT NULL" },
    { on: ["account_id", "created_at"] },
    { on: ["next_attempt_at"], where: "status = 'failed'" },
  ])

export default IapRecharge
