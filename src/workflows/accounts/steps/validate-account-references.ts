import { MedusaError, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"

export const validateAccountReferencesStepId = "iap-validate-account-references"

export type ValidateAccountReferencesInput = {
  customer_id?: string | null
  sales_channel_ids?: string[]
}

/**
 * Refuses an account's customer or restriction that points at nothing: 400 naming the field
 * and the unknown id (a typo in a restriction would otherwise silently make it unusable).
 *
 * @example
 * validateAccountReferencesStep({ customer_id: "cus_1", sales_channel_ids: ["sc_1"] })
 */
export const validateAccountReferencesStep = createStep(
  validateAccountReferencesStepId,
  async (input: ValidateAccountReferencesInput, { container }) => {
    if (input.customer_id) {
      const [customer] = await container
        .resolve(Modules.CUSTOMER)
        .listCustomers({ id: input.customer_id }, { select: ["id"], take: 1 })
      if (!customer) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `customer_id: customer ${input.customer_id} does not exist`)
      }
    }
    const ids = [...new Set(input.sales_channel_ids ?? [])]
    if (ids.length) {
      const found = await container.resolve(Modules.SALES_CHANNEL).listSalesChannels({ id: ids }, { select: ["id"] })
      const missing = ids.find((id) => !found.some((c) => c.id === id))
      if (missing) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `sales_channel_ids: sales channel ${missing} does not exist`)
      }
    }
    return new StepResponse(void 0)
  }
)
