import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { clock } from "../../../modules/iap/utils/clock"
import type { IapRechargeDTO } from "../../../types/auto-recharge"
import type { IapEventMessage } from "../../events"
import { RechargeEvents, rechargeEmail, RechargeOutcome } from "../utils/recharge-notifications"
import { iapModule } from "../../common/steps/utils"

export const settleRechargeStepId = "iap-settle-recharge"

const HOUR = 3600_000

/**
 * Records how an attempt ended: `succeeded` with its order and payment; `failed` with the next
 * retry time from `autoRecharge.backoffHours` (after the last one, auto-recharge switches itself
 * off); `requires_action` (never retried: the customer must act). Returns the email and event
 * to send. Settling an attempt already settled changes nothing and sends what it sent before
 * (the emails are idempotent per attempt and outcome).
 *
 * @example
 * settleRechargeStep({ recharge_id: "iaprch_1", outcome: { status: "failed", error_code: "card_declined", error: "…" } })
 */
export const settleRechargeStep = createStep(
  settleRechargeStepId,
  async (input: { recharge_id: string; outcome: RechargeOutcome }, { container }) => {
    const iap = iapModule(container)
    const before = (await iap.retrieveRecharge(input.recharge_id))!
    const o = input.outcome
    const backoff = iap.getOptions().autoRecharge.backoffHours
    const now = clock.now()
    let next: Date | null = null
    let switchedOff = false
    let r: IapRechargeDTO = before
    if (before.status === "pending" || before.status === "processing") {
      if (o.status === "failed") {
        const wait = backoff[before.attempt - 1]
        if (wait === undefined) switchedOff = true
        else next = new Date(now.getTime() + wait * HOUR)
      }
      r = await iap.updateRecharge(before.id, {
        status: o.status,
        ...(o.status === "succeeded"
          ? { order_id: o.order_id, payment_id: o.payment_id, amount: o.amount, error_code: null, error: null }
          : { error_code: o.error_code, error: o.error }),
        next_attempt_at: next,
        completed_at: now,
        claimed_until: null,
      })
      if (switchedOff) await iap.disableAutoRecharge(r.account_id, "declined")
    } else {
      next = r.next_attempt_at ? new Date(r.next_attempt_at) : null
      switchedOff = r.status === "failed" && !next
    }
    const account = await iap.retrieveAccount(r.account_id)
    let to: string | null = null
    if (account.customer_id) {
      const [c] = await container.resolve(Modules.CUSTOMER).listCustomers({ id: account.customer_id }, { select: ["email"], take: 1 })
      to = c?.email ?? null
    }
    const extra = { next_attempt_at: next?.toISOString() ?? null, switched_off: switchedOff }
    const emails: CreateNotificationDTO[] = rechargeEmail({ recharge: r, to, service: account.service, options: iap.getOptions(), ...extra })
    const name =
      r.status === "succeeded" ? RechargeEvents.SUCCEEDED : r.status === "requires_action" ? RechargeEvents.REQUIRES_ACTION : r.status === "capped" ? RechargeEvents.CAP_REACHED : RechargeEvents.FAILED
    const data = { id: r.id, account_id: r.account_id, customer_id: account.customer_id, attempt: r.attempt, order_id: r.order_id, error_code: r.error_code, ...extra }
    const events: IapEventMessage[] = [{ name, data: data as IapEventMessage["data"] }]
    return new StepResponse({ recharge: r, emails, events })
  }
)
