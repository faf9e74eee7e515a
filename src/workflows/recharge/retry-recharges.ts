import type { MedusaContainer } from "@medusajs/framework/types"
import type { IapRechargeDTO } from "../../types/auto-recharge"
import { runRecharge } from "./run-recharge"
import { iapModule } from "../common/steps/utils"
import { startAndRun } from "./trigger-auto-recharge"

/**
 * The retry job's work: resumes attempts in flight that no process owns any more (a crash or
 * `kill -9` mid-recharge; the run finds the cart, session and order it already made), then
 * makes the due retries of declined attempts (one per attempt; auto-recharge still on). Safe
 * from several workers at once: claims and the one-in-flight index decide who runs what.
 *
 * @example
 * const settled = await retryRecharges(container)
 */
export async function retryRecharges(container: MedusaContainer): Promise<IapRechargeDTO[]> {
  const iap = iapModule(container)
  const settled: IapRechargeDTO[] = []
  for (const stale of await iap.listStaleRecharges()) {
    const r = await runRecharge(container, stale.id)
    if (r) settled.push(r)
  }
  if (!iap.getOptions().autoRecharge.enabled) return settled
  for (const failed of await iap.listDueRechargeRetries()) {
    const settings = await iap.retrieveAutoRecharge(failed.account_id)
    if (!settings?.enabled) continue
    const r = await startAndRun(container, failed.account_id, settings, { id: failed.id, attempt: failed.attempt })
    if (r) settled.push(r)
  }
  return settled
}
