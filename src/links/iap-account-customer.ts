import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import IapModule from "../modules/iap"

/**
 * Read-only link: an account's holder (`customer_id`) as a Medusa customer, so Query can return
 * `iap_account.customer` (and the customer page can show its accounts). No link table.
 */
export default defineLink(
  { linkable: IapModule.linkable.iapAccount, field: "customer_id" },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
