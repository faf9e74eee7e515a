import { defineLink } from "@medusajs/framework/utils"
import ProductModule from "@medusajs/medusa/product"
import IapModule from "../modules/iap"

/**
 * A credit pack is sold as a product variant: the variant's prices are the pack's prices.
 * One-to-one; the pack workflows refuse a second pack on a variant. Deleting the variant
 * deletes the link (the pack stays, unsold, until an admin deletes it).
 */
export default defineLink(IapModule.linkable.iapCreditPack, ProductModule.linkable.productVariant)
