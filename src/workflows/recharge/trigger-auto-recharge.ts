import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, QueryContext } from "@medusajs/framework/utils"
import { parseAmount } from "../../modules/iap/utils/amount"
import type { IapAutoRechargeDTO, IapRechargeDTO } from "../../types/auto-recharge"
import { runRecharge } from "./run-recharge"
import { settleRechargeWorkflow } from "./settle-recharge"
import { iapModule } from "../common/steps/utils"

/**
 * The auto-recharge trigger, run after a committed change of an account's available credits
 * (debit, capture, authorization, expiry, grant): below the trigger while armed, it starts ONE
 * recharge and runs it; back at the trigger, it re-arms. The start re-checks under the settings
 * row's lock and a partial unique index allows one attempt in flight per account, so many
 * debits crossing at once, in any number of processes, start one recharge. A trigger refused
 * by the monthly cap records a `capped` attempt, emails the customer and emits
 * `iap.recharge.cap_reached`, once per crossing. Without settings this costs one indexed read,
 * and nothing after a debit, whose own statement answered that (the subscriber skips it).
 *
 * @example
 * await triggerAutoRecharge(container, "iapacc_01J…")
 */
export async function triggerAutoRecharge(container: MedusaContainer, accountId: string): Promise<IapRechargeDTO | null> {
  const iap = iapModule(container)
  if (!iap.getOptions().autoRecharge.enabled) return null
  const state = await iap.autoRechargeState(accountId)
  if (!state || !state.settings.enabled) return null
  if (state.available >= parseAmount(state.settings.trigger)) {
    if (!state.settings.armed) await iap.rearmAutoRecharge(accountId)
    return null
  }
  if (!state.settings.armed) return null
  return startAndRun(container, accountId, state.settings, null)
}

/**
 * Starts an attempt (a first one, or the retry of `retryOf`) and runs it.
 *
 * @example
 * await startAndRun(container, accountId, settings, { id: failed.id, attempt: failed.attempt })
 */
export async function startAndRun(
  container: MedusaContainer,
  accountId: string,
  settings: IapAutoRechargeDTO,
  retryOf: { id: string; attempt: number } | null
): Promise<IapRechargeDTO | null> {
  const iap = iapModule(container)
  const price = await packPrice(container, settings)
  const outcome = await iap.startRecharge({ account_id: accountId, price, retry_of: retryOf })
  if (!outcome) return null
  if ("capped" in outcome) {
    const { result } = await settleRechargeWorkflow(container).run({
      input: { recharge_id: outcome.capped.id, outcome: { status: "capped", error_code: outcome.capped.error_code!, error: outcome.capped.error! } },
    })
    return result
  }
  return runRecharge(container, outcome.started.id)
}

/** What the pack costs now in the settings' region (calculated price × quantity), for the money cap. */
async function packPrice(container: MedusaContainer, s: IapAutoRechargeDTO): Promise<bigint | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "calculated_price.calculated_amount"],
    filters: { id: s.variant_id },
    context: { calculated_price: QueryContext({ region_id: s.region_id, currency_code: s.currency_code }) },
  })
  const amount = (data[0] as any)?.calculated_price?.calculated_amount
  return amount == null ? null : parseAmount(String(amount), { allowZero: true }) * BigInt(s.quantity)
}
