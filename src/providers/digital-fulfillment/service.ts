import { AbstractFulfillmentProviderService } from "@medusajs/framework/utils"
import type { FulfillmentOption } from "@medusajs/framework/types"

import { INSTANT_DELIVERY_OPTION } from "./ids"

// In a file of their own so browser code (the storefront client) can import them without Medusa's server code.
export { DIGITAL_FULFILLMENT_PROVIDER_ID, INSTANT_DELIVERY_OPTION } from "./ids"

/**
 * Delivers credit packs: the credits land on the customer's account when the payment is
 * captured, so there is nothing to ship, no label and no carrier. Medusa's fulfilment
 * workflows still run through it, which is what makes a packs-only order read "Fulfilled"
 * and lets pack items be returned (as Medusa's digital-products recipe does).
 */
export class IapDigitalFulfillmentService extends AbstractFulfillmentProviderService {
  static identifier = "iap-digital"

  async getFulfillmentOptions(): Promise<FulfillmentOption[]> {
    return [
      { id: INSTANT_DELIVERY_OPTION, name: "Instant delivery" },
      { id: `${INSTANT_DELIVERY_OPTION}-return`, name: "Instant delivery return", is_return: true },
    ]
  }

  async validateFulfillmentData(_optionData: Record<string, unknown>, data: Record<string, unknown>) {
    return data
  }

  async validateOption(): Promise<boolean> {
    return true
  }

  async canCalculate(): Promise<boolean> {
    return false
  }

  async createFulfillment() {
    return { data: { delivered_by: "medusa-plugin-iap" }, labels: [] }
  }

  async cancelFulfillment() {
    return {}
  }

  async createReturnFulfillment() {
    return { data: {}, labels: [] }
  }
}
