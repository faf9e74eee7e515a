import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { DIGITAL_FULFILLMENT_PROVIDER_ID } from "../../../providers/digital-fulfillment/service"
import { createDigitalDelivery, DIGITAL_DELIVERY_LOCK, DigitalDelivery, findDigitalDelivery } from "../utils/digital-delivery"


export const ensureDigitalDeliveryStepId = "iap-ensure-digital-delivery"

/**
 * The shipping option and stock location credit packs are fulfilled with, set up on first use
 * (a stock location, a fulfilment set with one service zone and an "Instant delivery" option of
 * the plugin's `iap-digital` provider), under a lock so concurrent first uses set it up once.
 * Null when the host has not registered the provider: digital fulfilment is then skipped.
 *
 * @example
 * const delivery = ensureDigitalDeliveryStep()
 */
export const ensureDigitalDeliveryStep = createStep(ensureDigitalDeliveryStepId, async (_: void, { container }) => {
  const [provider] = await container.resolve(Modules.FULFILLMENT).listFulfillmentProviders({ id: DIGITAL_FULFILLMENT_PROVIDER_ID })
  if (!provider) return new StepResponse<DigitalDelivery>(null)
  const found = await findDigitalDelivery(container)
  if (found) return new StepResponse<DigitalDelivery>(found)
  const delivery = await container
    .resolve(Modules.LOCKING)
    .execute(DIGITAL_DELIVERY_LOCK, async () => (await findDigitalDelivery(container)) ?? (await createDigitalDelivery(container)), {
      timeout: 30,
    })
  return new StepResponse<DigitalDelivery>(delivery)
})
