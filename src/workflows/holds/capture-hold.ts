import type { AdditionalData } from "@medusajs/framework/types"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { CaptureHoldInput, CaptureHoldResult } from "../../types"
import { eventsOf, IapEventMessage, IapEvents, NO_AUTO_RECHARGE } from "../events"
import { captureHoldStep } from "./steps/capture-hold"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"

export const captureHoldWorkflowId = "iap-capture-hold"

/** A capture, plus custom data passed through to the `holdCaptured` hook. */
export type CaptureHoldWorkflowInput = CaptureHoldInput & AdditionalData

/**
 * Captures a hold (at most the authorized amount; the rest is released) and emits
 * `iap.hold.captured`. Capturing again with the same amount returns the same result.
 *
 * @example
 * await captureHoldWorkflow(container).run({ input: { hold_id, amount: 3, idempotency_key: "cap-9" } })
 *
 * @summary
 *
 * Capture a hold of credits.
 *
 * @property hooks.holdCaptured - Runs after the capture is written, before the event: receives
 * `{ account, hold, transaction, replayed, additional_data }`. Throwing undoes the capture.
 */
export const captureHoldWorkflow = createWorkflow(captureHoldWorkflowId, (input: CaptureHoldWorkflowInput) => {
  const result = captureHoldStep(transform({ input }, ({ input: { additional_data: _, ...capture } }) => capture))
  const holdCaptured = createHook("holdCaptured", {
    account: result.account,
    hold: result.hold,
    transaction: result.transaction,
    replayed: result.replayed,
    additional_data: input.additional_data,
  })
  emitIapEventsStep(transform({ result }, ({ result }) => holdCapturedEvents(result)))
  return new WorkflowResponse(result, { hooks: [holdCaptured] })
})

/**
 * The events a capture implies (none for a replay): `iap.hold.captured`, plus the threshold's.
 * Shared with `captureHoldDirect`.
 *
 * @example
 * holdCapturedEvents(result) // [{ name: "iap.hold.captured", data: { id, account_id, amount, captured_amount, transaction_id } }]
 */
export function holdCapturedEvents(result: CaptureHoldResult): IapEventMessage[] {
  return eventsOf(result, {
    name: IapEvents.HOLD_CAPTURED,
    data: {
      id: result.hold.id,
      account_id: result.account.id,
      amount: result.hold.amount,
      captured_amount: result.hold.captured_amount,
      transaction_id: result.transaction?.id ?? null,
    },
    ...(result.auto_recharge === false ? { metadata: { ...NO_AUTO_RECHARGE } } : {}),
  })
}
