import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { eventsOf } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { voidCreditLotStep, VoidCreditLotStepInput } from "./steps/void-credit-lot"

export const voidCreditLotWorkflowId = "iap-void-credit-lot"

/**
 * Voids what is left of a lot, with a note and the admin recorded as actor. Credits already
 * used stay used (`shortfall`). Emits `iap.account.threshold_reached` when the void takes the
 * account below its warning threshold.
 *
 * @example
 * const { result } = await voidCreditLotWorkflow(container).run({
 *   input: { lot_id: "iaplot_1", account_id: "iapacc_1", note: "Granted by mistake", idempotency_key: "void-1", actor_type: "user", actor_id: "user_1" },
 * })
 * result.voided // 40
 */
export const voidCreditLotWorkflow = createWorkflow(voidCreditLotWorkflowId, (input: VoidCreditLotStepInput) => {
  const result = voidCreditLotStep(input)
  emitIapEventsStep(transform({ result }, ({ result }) => eventsOf(result, null)))
  return new WorkflowResponse(result)
})
