import Medusa from "@medusajs/js-sdk"
import { createIapStoreClient } from "../../src/storefront"

declare const __IAP_DEMO__: {
  backendUrl: string
  publishableKey: string
  customer: { email: string; password: string } | null
}

export const DEMO = __IAP_DEMO__

/** In a browser the js-sdk keeps the customer's JWT in localStorage (`jwtTokenStorageMethod: "local"`). */
export const sdk = new Medusa({ baseUrl: DEMO.backendUrl, publishableKey: DEMO.publishableKey, auth: { type: "jwt" } })
export const iap = createIapStoreClient(sdk)
