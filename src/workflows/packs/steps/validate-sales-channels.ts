import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const validateSalesChannelsStepId = "iap-validate-sales-channels"

/**
 * Fails with 404 naming the first sales channel id that does not exist.
 *
 * @example
 * validateSalesChannelsStep({ ids: ["sc_1", "sc_2"] })
 */
export const validateSalesChannelsStep = createStep(
  validateSalesChannelsStepId,
  async (input: { ids: string[] }, { container }) => {
    if (!input.ids.length) return new StepResponse(void 0)
    const found = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id: input.ids }, { select: ["id"] })
    const missing = input.ids.find((id) => !found.some((c) => c.id === id))
    if (missing) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Sales channel with id: ${missing} was not found`)
    return new StepResponse(void 0)
  }
)
