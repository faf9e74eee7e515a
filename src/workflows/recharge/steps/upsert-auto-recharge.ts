import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { IapAutoRechargeDTO, UpsertAutoRechargeData } from "../../../types/auto-recharge"
import { iapModule } from "../../common/steps/utils"

export const upsertAutoRechargeStepId = "iap-upsert-auto-recharge"

/**
 * Saves an account's auto-recharge settings (re-armed); compensation restores what was there.
 *
 * @example
 * upsertAutoRechargeStep({ account_id, data })
 */
export const upsertAutoRechargeStep = createStep(
  upsertAutoRechargeStepId,
  async ({ account_id, data }: { account_id: string; data: UpsertAutoRechargeData }, { container }) => {
    const iap = iapModule(container)
    const before = await iap.retrieveAutoRecharge(account_id)
    const saved = await iap.upsertAutoRecharge(account_id, data)
    return new StepResponse(saved, { account_id, before })
  },
  async (prev: { account_id: string; before: IapAutoRechargeDTO | null } | undefined, { container }) => {
    if (!prev) return
    const iap = iapModule(container)
    if (prev.before) await iap.upsertAutoRecharge(prev.account_id, prev.before)
    else await iap.deleteAutoRecharge(prev.account_id)
  }
)
