import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Amount, DebitCreditsResult, IapAccountDTO, IapUsageInput } from "../../types"
import { chargeCreditsEvents } from "./charge-credits"
import { IapEventMessage, IapEvents, type ResolvedAccount } from "../events"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { consumeServiceStep } from "./steps/consume-service"

export const consumeServiceWorkflowId = "iap-consume-service"

/** The payload of `iap.service.used`. */
export type ServiceUsedInput = {
  /** The service's technical name. */
  service: string
  customer_id?: string | null
  sales_channel_id?: string | null
  /** Exactly one of `credits` and `usage` (priced by the service's rate card, docs/rate-cards.md). */
  credits?: Amount
  usage?: IapUsageInput
  /** Identifies the use: a redelivered event with the same key never debits twice. */
  idempotency_key: string
  description?: string | null
}

/** Why a use could not be charged: the error's type (`insufficient_credits`, `not_found`...) and message. */
export type ConsumeFailure = { reason: string; message: string }

export type ConsumeServiceOutcome = {
  resolved: (ResolvedAccount & { account: IapAccountDTO }) | null
  result: DebitCreditsResult | null
  failure: ConsumeFailure | null
}

/**
 * Charges a use reported with the `iap.service.used` event (docs/rules.md rule 9a). Success emits what a
 * charge emits (`iap.credits.debited`...); a failure (insufficient credits, unknown service,
 * suspended account, bad amount...) emits `iap.charge.failed` with the error's type as
 * `reason`, and the workflow itself succeeds so the event is not retried. A redelivered event
 * (same `idempotency_key`) replays the first debit: nothing is debited or emitted twice.
 *
 * @example
 * const { result } = await consumeServiceWorkflow(container).run({
 *   input: { service: "sms", customer_id: "cus_1", credits: 1, idempotency_key: "sms-msg-42" },
 * })
 * result.failure // null, or { reason: "insufficient_credits", message: "..." }
 */
export const consumeServiceWorkflow = createWorkflow(consumeServiceWorkflowId, (input: ServiceUsedInput) => {
  const outcome = consumeServiceStep(input)
  emitIapEventsStep(
    transform({ input, outcome }, ({ input, outcome }): IapEventMessage[] => [
      ...chargeCreditsEvents(outcome.resolved, outcome.result),
      ...(outcome.failure
        ? [
            {
              name: IapEvents.CHARGE_FAILED,
              data: {
                id: input.idempotency_key,
                service: input.service,
                customer_id: input.customer_id ?? null,
                sales_channel_id: input.sales_channel_id ?? null,
                account_id: outcome.resolved?.account.id ?? null,
                credits: input.credits ?? null,
                ...(input.usage ? { usage: input.usage } : {}),
                reason: outcome.failure.reason,
                message: outcome.failure.message,
              },
            },
          ]
        : []),
    ])
  )
  return new WorkflowResponse(outcome)
})
