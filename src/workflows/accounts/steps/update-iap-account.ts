import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { UpdateIapAccountInput } from "../../../types"
import { iapModule } from "../../common/steps/utils"

export const updateIapAccountStepId = "iap-update-account-step"

export type UpdateIapAccountStepInput = { id: string; update: UpdateIapAccountInput }

const FIELDS = ["sales_channel_ids", "state", "overdraft_limit", "warning_threshold", "warning_emails", "metadata"] as const

/**
 * Changes an account's settings (restriction, state, overdraft limit, low-balance threshold and
 * recipients) under its lock. Compensation puts back the fields it changed, except a close:
 * a closed account stays closed.
 *
 * @example
 * updateIapAccountStep({ id: "iapacc_1", update: { warning_threshold: 10, warning_emails: ["ops@acme.test"] } })
 */
export const updateIapAccountStep = createStep(
  updateIapAccountStepId,
  async (input: UpdateIapAccountStepInput, { container }) => {
    const iap = iapModule(container)
    const before = await iap.retrieveAccount(input.id)
    const account = await iap.updateAccount(input.id, input.update)
    const previous: UpdateIapAccountInput = {}
    for (const field of FIELDS) {
      if (input.update[field] !== undefined) (previous as any)[field] = before[field]
    }
    if (account.state === "closed") delete previous.state
    return new StepResponse(account, { id: input.id, previous })
  },
  async (undo: { id: string; previous: UpdateIapAccountInput } | undefined, { container }) => {
    if (!undo || !Object.keys(undo.previous).length) return
    await iapModule(container).updateAccount(undo.id, undo.previous)
  }
)
