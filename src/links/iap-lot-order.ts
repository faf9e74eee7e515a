import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import IapModule from "../modules/iap"

/**
 * The lots an order's credit packs created (`order.iap_credit_lots`, `iap_credit_lot.order`).
 * A stored link, written when the lots are granted: lots are looked up from the order page,
 * and a read-only link on `source_id` could only go from the lot to its line item.
 */
export default defineLink(OrderModule.linkable.order, {
  linkable: IapModule.linkable.iapCreditLot,
  isList: true,
})
