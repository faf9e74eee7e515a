import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { INSUFFICIENT_CREDITS, RATE_NOT_FOUND } from "../../../modules/iap/errors"
import { parseAmount, toDecimal } from "../../../modules/iap/utils/amount"
import { assertKey } from "../../../modules/iap/utils/idempotency"
import { parseUsage } from "../../../modules/iap/utils/pricing"
import type { ConsumeFailure, ConsumeServiceOutcome, ServiceUsedInput } from "../consume-service"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../../common/steps/utils"

export const consumeServiceStepId = "iap-consume-service-step"

/** Errors a client caused (bad payload, unknown service, refused account, no credits): reported, not retried. */
const BUSINESS_ERRORS: string[] = [
  INSUFFICIENT_CREDITS,
  MedusaError.Types.INVALID_DATA,
  MedusaError.Types.NOT_FOUND,
  MedusaError.Types.NOT_ALLOWED,
  MedusaError.Types.CONFLICT,
]

function asFailure(error: unknown): ConsumeFailure | null {
  const type = (error as { type?: unknown } | null)?.type
  if (typeof type !== "string" || !BUSINESS_ERRORS.includes(type)) return null
  const code = (error as { code?: unknown }).code
  return { reason: code === RATE_NOT_FOUND ? RATE_NOT_FOUND : type, message: (error as Error).message }
}

/**
 * Charges one reported use of a service (docs/rules.md §9). A business failure is returned, not
 * thrown, so the workflow can announce it and the event is not retried; anything else
 * (database down...) is thrown, and a retry is safe because the debit is idempotent.
 * Compensation writes a reversal of the debit it made.
 *
 * @example
 * const outcome = consumeServiceStep({ service: "sms", customer_id: "cus_1", credits: 1, idempotency_key: "sms-42" })
 */
export const consumeServiceStep = createStep(
  consumeServiceStepId,
  async (input: ServiceUsedInput, { container }) => {
    const iap = iapModule(container)
    let resolved: ConsumeServiceOutcome["resolved"] = null
    try {
      if (typeof input.service !== "string" || input.service === "") {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "service is required (a service's technical name)")
      }
      assertKey(input.idempotency_key)
      const service = await iap.retrieveServiceByName(input.service)
      // Validated before the account is resolved, so a bad payload creates nothing.
      if ((input.credits === undefined || input.credits === null) === (input.usage === undefined || input.usage === null)) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "send exactly one of credits or usage")
      }
      const credits = input.usage ? null : parseAmount(input.credits, { field: "credits", integer: service.integer_credits })
      if (input.usage) parseUsage(input.usage)
      resolved = await iap.resolveAccount({
        service_id: service.id,
        customer_id: input.customer_id ?? null,
        sales_channel_id: input.sales_channel_id ?? null,
      })
      const result = await iap.debitCredits({
        account_id: resolved.account.id,
        ...(credits === null ? { usage: input.usage } : { amount: toDecimal(credits) }),
        idempotency_key: input.idempotency_key,
        description: input.description ?? null,
      })
      const outcome: ConsumeServiceOutcome = { resolved, result, failure: null }
      return new StepResponse(outcome, writtenTransactionId(result))
    } catch (error) {
      const failure = asFailure(error)
      if (!failure) throw error
      const outcome: ConsumeServiceOutcome = { resolved, result: null, failure }
      return new StepResponse(outcome, null as string | null)
    }
  },
  reverseWrittenTransaction
)
