import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { DigitalDelivery } from "../utils/digital-delivery"
import { ensureDigitalDeliveryOffered } from "../utils/offer-digital-delivery"

export const offerDigitalDeliveryStepId = "iap-offer-digital-delivery"

/**
 * Digital delivery offered in the store for the given sales channels ("Instant delivery", free,
 * in every region), so pack products can take its shipping profile. Null when digital
 * fulfilment is off or its provider is not registered. Nothing to undo: the set-up is shared
 * by every pack product and only ever adds what is missing.
 *
 * @example
 * const delivery = offerDigitalDeliveryStep({ sales_channel_ids: ["sc_webshop"] })
 */
export const offerDigitalDeliveryStep = createStep(
  offerDigitalDeliveryStepId,
  async (input: { sales_channel_ids: string[]; existing_only?: boolean }, { container }) =>
    new StepResponse<DigitalDelivery>(await ensureDigitalDeliveryOffered(container, input.sales_channel_ids, { existingOnly: input.existing_only }))
)
