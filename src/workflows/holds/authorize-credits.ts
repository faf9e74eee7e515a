import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { Amount, AuthorizeCreditsResult, IapReference, IapUsageInput } from "../../types"
import { accountResolvedEvents, eventsOf, IapEventMessage, IapEvents, NO_AUTO_RECHARGE } from "../events"
import { authorizeCreditsStep } from "./steps/authorize-credits"
import { emitIapEventsStep } from "../common/steps/emit-iap-events"
import { resolveIapAccountStep } from "../common/steps/resolve-iap-account"

export const authorizeCreditsWorkflowId = "iap-authorize-credits"

export type AuthorizeCreditsWorkflowInput = IapReference & {
  service: string
  customer_id?: string | null
  sales_channel_id?: string | null
  account_id?: string | null
  /** Exactly one of `credits` and `usage` (priced by the service's rate card, docs/rate-cards.md). */
  credits?: Amount
  usage?: IapUsageInput
  idempotency_key: string
  ttl_seconds?: number | null
  description?: string | null
}

/**
 * Reserves credits for a use about to happen (the first phase of a two-phase charge) and
 * emits `iap.hold.authorized`.
 *
 * @example
 * const { result } = await authorizeCreditsWorkflow(container).run({
 *   input: { service: "reveal", customer_id: "cus_1", credits: 5, idempotency_key: "lead-9", ttl_seconds: 600 },
 * })
 */
export const authorizeCreditsWorkflow = createWorkflow(authorizeCreditsWorkflowId, (input: AuthorizeCreditsWorkflowInput) => {
  const resolved = resolveIapAccountStep({
    service: input.service,
    customer_id: input.customer_id,
    sales_channel_id: input.sales_channel_id,
    account_id: input.account_id,
  })
  const result = authorizeCreditsStep(
    transform({ input, resolved }, ({ input, resolved }) => ({
      account_id: resolved.account.id,
      amount: input.credits,
      usage: input.usage,
      idempotency_key: input.idempotency_key,
      ttl_seconds: input.ttl_seconds,
      description: input.description,
      reference_type: input.reference_type,
      reference_id: input.reference_id,
    }))
  )
  emitIapEventsStep(
    transform({ resolved, result }, ({ resolved, result }) => [
      ...accountResolvedEvents(resolved),
      ...holdAuthorizedEvents(result),
    ])
  )
  return new WorkflowResponse(result)
})

/**
 * The events an authorization implies (none for a replay): `iap.hold.authorized`, plus the
 * threshold's. Shared with `authorizeCreditsDirect`.
 *
 * @example
 * holdAuthorizedEvents(result) // [{ name: "iap.hold.authorized", data: { id, account_id, amount, expires_at } }]
 */
export function holdAuthorizedEvents(result: AuthorizeCreditsResult): IapEventMessage[] {
  return eventsOf(result, {
    name: IapEvents.HOLD_AUTHORIZED,
    data: { id: result.hold.id, account_id: result.account.id, amount: result.hold.amount, expires_at: result.hold.expires_at },
    ...(result.auto_recharge === false ? { metadata: { ...NO_AUTO_RECHARGE } } : {}),
  })
}
