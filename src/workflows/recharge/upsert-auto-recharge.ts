import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { AutoRechargeInput } from "../../types/auto-recharge"
import { upsertAutoRechargeStep } from "./steps/upsert-auto-recharge"
import { validateAutoRechargeStep } from "./steps/validate-auto-recharge"

export const upsertAutoRechargeWorkflowId = "iap-upsert-auto-recharge"

/**
 * Switches auto-recharge on (or changes it) for an account: validated against the store
 * (pack of the same service, the customer's own saved method, region and provider), then saved
 * and armed. The store and admin routes both run it.
 *
 * @example
 * await upsertAutoRechargeWorkflow(container).run({ input: { account_id, input: { variant_id, trigger: 20, region_id,
 *   provider_id: "pp_stripe_stripe", payment_method_id: "pm_…", monthly_count_cap: 3 } } })
 */
export const upsertAutoRechargeWorkflow = createWorkflow(
  upsertAutoRechargeWorkflowId,
  (input: { account_id: string; input: AutoRechargeInput }) => {
    const data = validateAutoRechargeStep(input)
    return new WorkflowResponse(upsertAutoRechargeStep({ account_id: input.account_id, data }))
  }
)
