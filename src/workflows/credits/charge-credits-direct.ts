import type { MedusaContainer } from "@medusajs/framework/types"
import type { DebitCreditsInput, DebitCreditsResult, IapProviderAddress } from "../../types"
import { chargeCreditsEvents } from "./charge-credits"
import { emitOrUndo, iapModule, reverseWrittenTransaction, writtenTransactionId } from "../common/steps/utils"

/**
 * The provider API's charge: the same debit and events as `chargeCreditsWorkflow` without the
 * workflow engine, whose per-run cost was most of the request's CPU (bench scenario `http`,
 * docs/benchmarks.md). Safe because the caller already resolved the account: one module call
 * that commits before the events go out; a failed emit reverses the debit as the workflow's
 * compensation would, and a replay emits nothing. The workflow's hooks do not run here.
 *
 * @example
 * const result = await chargeCreditsDirect(req.scope, { account_id, amount: 1, idempotency_key: "sms-42" })
 */
export async function chargeCreditsDirect(container: MedusaContainer, input: DebitCreditsInput): Promise<DebitCreditsResult> {
  const result = await iapModule(container).debitCredits(input)
  await emitChargeEvents(container, result)
  return result
}

/**
 * `chargeCreditsDirect` for a provider call whose account was named by token (`address`, re-checked
 * in the debit's one statement): null, having written and emitted nothing, when that statement
 * leaves the call (the route then authenticates it afresh and charges the general way).
 *
 * @example
 * const result = (await chargeCreditsAddressed(req.scope, input, address)) ?? (await chargeCreditsDirect(req.scope, input))
 */
export async function chargeCreditsAddressed(
  container: MedusaContainer,
  input: DebitCreditsInput,
  address: IapProviderAddress
): Promise<DebitCreditsResult | null> {
  const result = await iapModule(container).debitAddressed(input, address)
  if (result) await emitChargeEvents(container, result)
  return result
}

function emitChargeEvents(container: MedusaContainer, result: DebitCreditsResult) {
  return emitOrUndo(container, chargeCreditsEvents(null, result), () => reverseWrittenTransaction(writtenTransactionId(result), { container }))
}
