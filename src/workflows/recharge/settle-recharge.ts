import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { sendNotificationsStep } from "@medusajs/medusa/core-flows"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { settleRechargeStep } from "./steps/settle-recharge"
import type { RechargeOutcome } from "./utils/recharge-notifications"

export const settleRechargeWorkflowId = "iap-settle-recharge"

/**
 * Ends one auto-recharge attempt: the hook `rechargeSettling` runs first (a host may act on the
 * outcome, e.g. tag the order; if it throws, nothing is recorded and the retry job settles the
 * attempt again later, with the same order and payment), then the attempt is recorded, the
 * customer emailed (templates `iap-recharge-succeeded|failed|requires-action|cap-reached`) and
 * `iap.recharge.succeeded|failed|requires_action|cap_reached` emitted.
 *
 * @example
 * await settleRechargeWorkflow(container).run({ input: { recharge_id, outcome: { status: "succeeded", order_id, payment_id, amount: 10 } } })
 */
export const settleRechargeWorkflow = createWorkflow(
  settleRechargeWorkflowId,
  (input: { recharge_id: string; outcome: RechargeOutcome }) => {
    const rechargeSettling = createHook("rechargeSettling", { recharge_id: input.recharge_id, outcome: input.outcome })
    const settled = settleRechargeStep(input)
    sendNotificationsStep(transform({ settled }, ({ settled }) => settled.emails))
    emitIapEventsStep(transform({ settled }, ({ settled }) => settled.events))
    return new WorkflowResponse(transform({ settled }, ({ settled }) => settled.recharge), { hooks: [rechargeSettling] })
  }
)
