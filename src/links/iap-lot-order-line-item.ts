import { defineLink } from "@medusajs/framework/utils"
import OrderModule from "@medusajs/medusa/order"
import IapModule from "../modules/iap"

/**
 * Read-only: a purchased lot's `source_id` is the order line item that bought it, so Query
 * can join `iap_credit_lot.order_line_item` without a link table.
 */
export default defineLink(
  { linkable: IapModule.linkable.iapCreditLot, field: "source_id" },
  OrderModule.linkable.orderLineItem,
  { readOnly: true }
)
