import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { IAP_MODULE } from "../../../modules/iap"

export const linkOrderLotsStepId = "iap-link-order-lots"

/**
 * Links an order to the lots its credit packs created (`order.iap_credit_lots`). Creating a
 * link that exists is a no-op, so redelivery is safe; no compensation, as for the lots.
 *
 * @example
 * linkOrderLotsStep({ order_id: "order_1", lot_ids: ["iaplot_1"] })
 */
export const linkOrderLotsStep = createStep(
  linkOrderLotsStepId,
  async (input: { order_id: string | null; lot_ids: string[] }, { container }) => {
    if (!input.order_id || !input.lot_ids.length) return new StepResponse(void 0)
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    await link.create(
      input.lot_ids.map((id) => ({
        [Modules.ORDER]: { order_id: input.order_id },
        [IAP_MODULE]: { iap_credit_lot_id: id },
      }))
    )
    return new StepResponse(void 0)
  }
)
