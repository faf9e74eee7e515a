import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateIapAccountInput } from "../../../types"
import { iapModule } from "../../common/steps/utils"

export const createIapAccountStepId = "iap-create-account-step"

/**
 * Creates an account (e.g. one restricted to some sales channels); its token is in plain text
 * only in this result. Compensation soft-deletes the new account, which has no ledger yet.
 *
 * @example
 * const { account, token } = createIapAccountStep({ service_id, customer_id: "cus_1", sales_channel_ids: ["sc_b2b"] })
 */
export const createIapAccountStep = createStep(
  createIapAccountStepId,
  async (input: CreateIapAccountInput, { container }) => {
    const result = await iapModule(container).createAccount(input)
    return new StepResponse(result, result.account.id)
  },
  async (accountId: string | undefined, { container }) => {
    if (!accountId) return
    await iapModule(container).softDeleteIapAccounts([accountId])
  }
)
