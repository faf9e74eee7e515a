import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"
import type { IapEventMessage } from "../../events"

export function iapModule(container: MedusaContainer | { resolve: MedusaContainer["resolve"] }): IapModuleService {
  return container.resolve<IapModuleService>(IAP_MODULE)
}

/**
 * What a compensation must undo: the ledger row this step wrote, or nothing when the step
 * only found a replayed result (that row belongs to the first call).
 */
export function writtenTransactionId(result: { replayed: boolean; transaction?: { id: string } | null }): string | null {
  return result.replayed ? null : result.transaction?.id ?? null
}

/** Compensation shared by every step that wrote a ledger row: write its reversal (once). */
export async function reverseWrittenTransaction(transactionId: string | null, { container }: { container: MedusaContainer }) {
  if (!transactionId) return
  await iapModule(container).reverseTransaction({ transaction_id: transactionId, description: "Compensation: workflow failed" })
}

/**
 * For the module calls made without the workflow engine (the provider API's hot path): emits the
 * events after the write committed; if they cannot go out, `undo` runs as the workflow's
 * compensation would, and the error is thrown.
 *
 * @example
 * await emitOrUndo(container, chargeCreditsEvents(null, result), () => reverseWrittenTransaction(writtenTransactionId(result), { container }))
 */
export async function emitOrUndo(container: MedusaContainer, events: IapEventMessage[], undo: () => Promise<unknown>) {
  if (!events.length) return
  try {
    await container.resolve(Modules.EVENT_BUS).emit(events.map((e) => ({ name: e.name, data: e.data, ...(e.metadata ? { metadata: e.metadata } : {}) })))
  } catch (e) {
    await undo()
    throw e
  }
}
