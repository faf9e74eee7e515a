import type { AdditionalData } from "@medusajs/framework/types"
import { createHook, createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Amount, DebitCreditsResult, IapActor, IapReference, IapUsageInput } from "../../types"
import { accountResolvedEvents, eventsOf, IapEventMessage, IapEvents, NO_AUTO_RECHARGE } from "../events"
import { debitCreditsStep } from "./steps/debit-credits"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { resolveIapAccountStep } from "../common/steps/resolve-iap-account"

export const chargeCreditsWorkflowId = "iap-charge-credits"

export type ChargeCreditsWorkflowInput = IapActor &
  IapReference & {
    /** The service's technical name. */
    service: string
    customer_id?: string | null
    sales_channel_id?: string | null
    /** Charge this account (e.g. found by its token) instead of resolving one. */
    account_id?: string | null
    /** Exactly one of `credits` and `usage` (priced by the service's rate card, docs/rate-cards.md). */
    credits?: Amount
    usage?: IapUsageInput
    idempotency_key: string
    description?: string | null
  } & AdditionalData

/**
 * Charges credits for one use of a service: resolves the account (docs/rules.md rule 1), debits it
 * (docs/rules.md rules 3–4) and emits `iap.credits.debited` (plus `iap.lot.expired` and
 * `iap.account.threshold_reached` when they happen) after the debit committed. The provider
 * API's `POST /iap/v1/charge` calls `chargeCreditsDirect` instead (same debit and events, no
 * engine: bench scenario `http`); keep the two in step.
 *
 * @example
 * const { result } = await chargeCreditsWorkflow(container).run({
 *   input: { service: "sms", customer_id: "cus_123", credits: 1, idempotency_key: "sms-msg-42" },
 * })
 * // or priced by the rate card: usage: { metric: "sms_part", quantity: 2, dimensions: { country: "DE" } }
 *
 * @summary
 *
 * Charge credits for one use of a service.
 *
 * @property hooks.creditsDebited - Runs after the debit is written, before the events: receives
 * `{ account, transaction, replayed, additional_data }`. Throwing undoes the debit. It does not
 * run for `chargeCreditsDirect` (the provider API's `POST /iap/v1/charge`).
 */
export const chargeCreditsWorkflow = createWorkflow(chargeCreditsWorkflowId, (input: ChargeCreditsWorkflowInput) => {
  const resolved = resolveIapAccountStep({
    service: input.service,
    customer_id: input.customer_id,
    sales_channel_id: input.sales_channel_id,
    account_id: input.account_id,
  })
  const result = debitCreditsStep(
    transform({ input, resolved }, ({ input, resolved }) => ({
      account_id: resolved.account.id,
      amount: input.credits,
      usage: input.usage,
      idempotency_key: input.idempotency_key,
      description: input.description,
      reference_type: input.reference_type,
      reference_id: input.reference_id,
      actor_type: input.actor_type,
      actor_id: input.actor_id,
    }))
  )
  const creditsDebited = createHook("creditsDebited", {
    account: result.account,
    transaction: result.transaction,
    replayed: result.replayed,
    additional_data: input.additional_data,
  })
  emitIapEventsStep(transform({ resolved, result }, ({ resolved, result }) => chargeCreditsEvents(resolved, result)))
  return new WorkflowResponse(result, { hooks: [creditsDebited] })
})

/**
 * The events a charge implies: `iap.account.created` when the account was made for it, and
 * the debit's own events (none for a replay). Shared with the `iap.service.used` consumer.
 *
 * @example
 * chargeCreditsEvents(resolved, result) // [{ name: "iap.credits.debited", data: { id, account_id, ... } }]
 */
export function chargeCreditsEvents(
  resolved: Parameters<typeof accountResolvedEvents>[0],
  result: DebitCreditsResult | null
): IapEventMessage[] {
  return [
    ...accountResolvedEvents(resolved),
    ...(result
      ? eventsOf(result, {
          name: IapEvents.CREDITS_DEBITED,
          data: {
            id: result.transaction.id,
            account_id: result.account.id,
            service: result.account.service,
            customer_id: result.account.customer_id,
            amount: -result.transaction.amount,
          },
          ...(result.auto_recharge === false ? { metadata: { ...NO_AUTO_RECHARGE } } : {}),
        })
      : []),
  ]
}
