import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { IapServiceDTO, UpdateIapServiceInput } from "../../../types"
import { iapModule } from "../../common/steps/utils"

export const updateIapServiceStepId = "iap-update-service-step"

export type UpdateIapServiceStepInput = { id: string; update: UpdateIapServiceInput }

const FIELDS = [
  "name",
  "description",
  "unit_name",
  "integer_credits",
  "trial_credits",
  "default_warning_threshold",
  "hold_ttl_seconds",
  "status",
  "metadata",
] as const

/**
 * Changes a service's settings (archiving is `status: "archived"`); compensation restores the
 * fields it changed.
 *
 * @example
 * updateIapServiceStep({ id: "iapsvc_1", update: { status: "archived" } })
 */
export const updateIapServiceStep = createStep(
  updateIapServiceStepId,
  async (input: UpdateIapServiceStepInput, { container }) => {
    const iap = iapModule(container)
    const before = await iap.retrieveIapService(input.id)
    const service = await iap.updateService(input.id, input.update)
    const previous: UpdateIapServiceInput = {}
    for (const field of FIELDS) {
      if (input.update[field] !== undefined) (previous as any)[field] = (before as any)[field]
    }
    return new StepResponse(service as IapServiceDTO, { id: input.id, previous })
  },
  async (undo: { id: string; previous: UpdateIapServiceInput } | undefined, { container }) => {
    if (!undo || !Object.keys(undo.previous).length) return
    await iapModule(container).updateService(undo.id, undo.previous)
  }
)
