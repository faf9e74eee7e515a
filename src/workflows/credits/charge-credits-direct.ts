import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import type { DebitCreditsInput, DebitCreditsResult } from "../../types"
import { chargeCreditsEvents } from "./charge-credits"
import { iapModule, reverseWrittenTransaction, writtenTransactionId } from "../common/steps/utils"

/**
 * The provider API's hot path for a charge: the same debit and events as
 * `chargeCreditsWorkflow`, without the workflow engine. Measured (bench scenario 3), a
 * workflow run costs several times the debit itself: the engine plans and checkpoints every
 * step and the in-memory engine reads its `workflow_execution` table on every run. It is
 * safe here because the caller has already resolved the account (by token, checked against
 * the authenticated service), leaving one module call: `debitCredits` commits its own DB
 * transaction before it returns, so the events go out after the commit, as the workflow's
 * grouped events do, and there is no earlier step to compensate. If emitting fails, the debit
 * is reversed, as the workflow's compensation would. A replay emits nothing (its events went
 * out the first time). In-app callers keep using `chargeCreditsWorkflow`.
 *
 * @example
 * const result = await chargeCreditsDirect(req.scope, { account_id, amount: 1, idempotency_key: "sms-42" })
 */
export async function chargeCreditsDirect(container: MedusaContainer, input: DebitCreditsInput): Promise<DebitCreditsResult> {
  const result = await iapModule(container).debitCredits(input)
  const events = chargeCreditsEvents(null, result)
  if (!events.length) return result
  try {
    await container.resolve(Modules.EVENT_BUS).emit(events.map((e) => ({ name: e.name, data: e.data })))
  } catch (e) {
    await reverseWrittenTransaction(writtenTransactionId(result), { container })
    throw e
  }
  return result
}
