import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateIapServiceInput } from "../../../types"
import { iapModule } from "../../common/steps/utils"

export const createIapServiceStepId = "iap-create-service-step"

/**
 * Creates an IAP service; a third-party one gets its key, in plain text only in this result.
 * Compensation archives the service (services are never deleted: ledgers may point at them).
 *
 * @example
 * const { service, key } = createIapServiceStep({ technical_name: "sms", name: "SMS", provider_type: "third_party" })
 */
export const createIapServiceStep = createStep(
  createIapServiceStepId,
  async (input: CreateIapServiceInput, { container }) => {
    const result = await iapModule(container).createService(input)
    return new StepResponse(result, result.service.id)
  },
  async (serviceId: string | undefined, { container }) => {
    if (!serviceId) return
    await iapModule(container).updateService(serviceId, { status: "archived" })
  }
)
