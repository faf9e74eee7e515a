import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { offerDigitalDeliveryStep } from "./steps/offer-digital-delivery"

export const offerDigitalDeliveryWorkflowId = "iap-offer-digital-delivery"

/**
 * Offers the plugin's free "Instant delivery" in the store: enabled in the store, a geo zone
 * per country of every region, a price of 0 in every region's currency, its location serving
 * the given sales channels. Pack products created through the plugin run this themselves;
 * run it after changing regions or channels outside Medusa's workflows. Returns the delivery
 * (its shipping profile is the one pack products take), or null when digital fulfilment is
 * off or its provider is not registered.
 *
 * @example
 * const { result } = await offerDigitalDeliveryWorkflow(container).run({ input: { sales_channel_ids: ["sc_1"] } })
 */
export const offerDigitalDeliveryWorkflow = createWorkflow(
  offerDigitalDeliveryWorkflowId,
  (input: { sales_channel_ids: string[]; existing_only?: boolean }) => new WorkflowResponse(offerDigitalDeliveryStep(input))
)
