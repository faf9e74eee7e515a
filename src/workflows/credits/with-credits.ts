import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import type { Amount, IapHoldDTO, IapUsageInput } from "../../types"
import { authorizeCreditsWorkflow, AuthorizeCreditsWorkflowInput } from "../holds/authorize-credits"
import { cancelHoldWorkflow } from "../holds/cancel-hold"
import { captureHoldWorkflow } from "../holds/capture-hold"

export type WithCreditsInput = Omit<AuthorizeCreditsWorkflowInput, "idempotency_key"> & {
  /** Identifies this use; the hold, its capture and its cancel derive their keys from it. */
  idempotency_key: string
}

/**
 * What the work may change, at most the authorized amount: the final `usage` (priced with the
 * authorization's rate card version) or, without a usage, the `credits` finally charged.
 */
export type CreditsUsage = { credits?: Amount; usage?: IapUsageInput }

/**
 * Runs `work` paid with credits, two-phase: authorize `credits`, run the work, then capture
 * (`usage.credits`, which the work may lower) — or, if the work throws, cancel the hold and
 * rethrow the work's own error (a failing cancel is attached as `error.iap_cancel_error`).
 *
 * @example
 * const messageId = await withCredits(container, { service: "sms", customer_id, credits: 3, idempotency_key: `sms-${id}` },
 *   async (hold, usage) => {
 *     const sent = await gateway.send(text) // e.g. 2 parts
 *     usage.credits = sent.parts
 *     return sent.id
 *   })
 * // priced by the rate card: input.usage = { metric: "sms_part", quantity: 3, dimensions: { country: "DE" } },
 * // and the work sets usage.usage = { ...input.usage, quantity: sent.parts }
 */
export async function withCredits<T>(
  container: MedusaContainer,
  input: WithCreditsInput,
  work: (hold: IapHoldDTO, usage: CreditsUsage) => Promise<T> | T
): Promise<T> {
  const { result: authorized } = await authorizeCreditsWorkflow(container).run({ input })
  const hold = authorized.hold
  if (hold.status !== "pending") {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `Idempotency key ${input.idempotency_key} was already used: its hold is ${hold.status}`,
      "idempotency_key_reused"
    )
  }
  const usage: CreditsUsage = { credits: input.credits, usage: input.usage }
  let value: T
  try {
    value = await work(hold, usage)
  } catch (error) {
    try {
      await cancelHoldWorkflow(container).run({ input: { hold_id: hold.id, idempotency_key: `${input.idempotency_key}:cancel` } })
    } catch (cancelError) {
      if (error && typeof error === "object") (error as any).iap_cancel_error = cancelError
    }
    throw error
  }
  // An unchanged usage captures the whole hold (the row keeps the authorized usage and rate).
  const final =
    usage.usage && usage.usage === input.usage ? {} : usage.usage ? { usage: usage.usage } : { amount: usage.credits }
  await captureHoldWorkflow(container).run({
    input: { hold_id: hold.id, ...final, idempotency_key: `${input.idempotency_key}:capture`, description: input.description },
  })
  return value
}
