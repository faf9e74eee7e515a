import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, createOrderFulfillmentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { collectPackFulfillmentStep } from "./steps/collect-pack-fulfillment"
import { ensureDigitalDeliveryStep } from "./steps/ensure-digital-delivery"

export const fulfillCreditPacksWorkflowId = "iap-fulfill-credit-packs"

export type FulfillCreditPacksResult = { order_id: string; fulfillment_id: string | null; items: { id: string; quantity: number }[] }

/**
 * Fulfils an order's credit-pack lines once their credits are available, through Medusa's own
 * order fulfilment workflow and the plugin's `iap-digital` provider ("Instant delivery"), so a
 * packs-only order reads "Fulfilled" and pack items can be returned. Idempotent: lines already
 * fulfilled are left alone, and runs for one order take turns (a lock on the order).
 * Does nothing when `digitalFulfillment` is "disabled" or the provider is not registered.
 *
 * @example
 * await fulfillCreditPacksWorkflow(container).run({ input: { order_id: "order_1" } })
 */
export const fulfillCreditPacksWorkflow = createWorkflow(
  fulfillCreditPacksWorkflowId,
  (input: { order_id: string }) => {
    const key = transform({ input }, ({ input }) => `${fulfillCreditPacksWorkflowId}:${input.order_id}`)
    acquireLockStep({ key, timeout: 30, ttl: 120 })
    const collected = collectPackFulfillmentStep(input)
    const delivery = when({ collected }, ({ collected }) => collected.items.length > 0).then(() => ensureDigitalDeliveryStep())
    const fulfillment = when({ collected, delivery }, ({ collected, delivery }) => collected.items.length > 0 && !!delivery).then(() =>
      createOrderFulfillmentWorkflow.runAsStep({
        input: transform({ collected, delivery }, ({ collected, delivery }) => ({
          order_id: collected.order_id,
          items: collected.items,
          shipping_option_id: delivery!.shipping_option_id,
          location_id: delivery!.location_id,
          no_notification: true,
        })),
      })
    )
    releaseLockStep({ key })
    return new WorkflowResponse(
      transform({ collected, delivery, fulfillment }, ({ collected, delivery, fulfillment }): FulfillCreditPacksResult => ({
        order_id: collected.order_id,
        fulfillment_id: (fulfillment as any)?.id ?? null,
        items: delivery ? collected.items : [],
      }))
    )
  }
)
