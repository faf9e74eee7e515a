import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { IapDigitalFulfillmentService } from "./service"

/**
 * The plugin's fulfilment provider for credit packs. Register it in the host's fulfilment
 * module: `{ resolve: "medusa-plugin-iap/providers/digital-fulfillment/index", id: "iap-digital" }`.
 */
export default ModuleProvider(Modules.FULFILLMENT, { services: [IapDigitalFulfillmentService] })

export * from "./service"
