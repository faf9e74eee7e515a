import type { MedusaContainer } from "@medusajs/framework/types"
import { IAP_MODULE } from "../../../modules/iap"
import type IapModuleService from "../../../modules/iap/service"

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
