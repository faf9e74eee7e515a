import { model } from "@medusajs/framework/utils"
import IapAccount from "./iap-account"

/**
 * An account token made by an Odoo database (Odoo generates one random token per service and
 * database), linked by the account's customer to one of their accounts. Stored hashed like our
 * own tokens; an account may have several (one per Odoo database); revoking one keeps the row
 * (who linked what, when) and frees the token to be linked again.
 * `sales_channel_id` is the channel the link was made in: a restricted account is usable
 * through this token only while that channel is in its restriction (docs/rules.md §12).
 */
const IapAccountToken = model
  .define("iap_account_token", {
    id: model.id({ prefix: "iapotok" }).primaryKey(),
    account: model.belongsTo(() => IapAccount, { mappedBy: "odoo_tokens" }),
    token_hash: model.text(),
    token_hint: model.text(),
    dbuuid: model.text(),
    sales_channel_id: model.text().nullable(),
    revoked_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["token_hash"], unique: true, where: "revoked_at IS NULL" },
    { on: ["account_id"] },
  ])

export default IapAccountToken
