/** Provider id as Medusa registers it: `<identifier>_<id>`, with `id: "iap-digital"` in the config. */
export const DIGITAL_FULFILLMENT_PROVIDER_ID = "iap-digital_iap-digital"
export const INSTANT_DELIVERY_OPTION = "iap-instant-delivery"
