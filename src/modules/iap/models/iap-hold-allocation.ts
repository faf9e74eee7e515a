import { model } from "@medusajs/framework/utils"
import IapHold from "./iap-hold"

/** The part of a lot a pending hold reserves; a held portion never expires. */
const IapHoldAllocation = model
  .define("iap_hold_allocation", {
    id: model.id({ prefix: "iapalloc" }).primaryKey(),
    hold: model.belongsTo(() => IapHold, { mappedBy: "allocations" }),
    lot_id: model.text(),
    amount: model.bigNumber(),
  })
  .indexes([{ on: ["lot_id"] }])
  .checks([{ name: "iap_hold_allocation_amount_check", expression: "amount > 0" }])

export default IapHoldAllocation
