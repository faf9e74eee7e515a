import type { CreateNotificationDTO } from "@medusajs/framework/types"
import { creditsUrl } from "../../../api/utils/iap-errors"
import type { IapOptions } from "../../../modules/iap/options"
import type { IapRechargeDTO } from "../../../types/auto-recharge"
import { IapEvents } from "../../events"

/** How an attempt ended, as the settle workflow records it. */
export type RechargeOutcome =
  | { status: "succeeded"; order_id: string; payment_id: string | null; amount: number | null }
  | { status: "failed"; error_code: string; error: string }
  | { status: "requires_action"; error_code: string; error: string; order_id?: null }
  | { status: "capped"; error_code: string; error: string }

export const RechargeEvents = {
  SUCCEEDED: IapEvents.RECHARGE_SUCCEEDED,
  FAILED: IapEvents.RECHARGE_FAILED,
  REQUIRES_ACTION: IapEvents.RECHARGE_REQUIRES_ACTION,
  CAP_REACHED: IapEvents.RECHARGE_CAP_REACHED,
} as const

/** The data every recharge email template receives. */
export type RechargeEmailData = {
  recharge_id: string
  account_id: string
  service: string
  status: string
  attempt: number
  credits: number
  amount: number | null
  currency_code: string
  order_id: string | null
  error_code: string | null
  error: string | null
  next_attempt_at: string | null
  switched_off: boolean
  credits_url: string
}

/**
 * The email of a settled attempt to the customer: template by outcome (option `autoRecharge.templates`),
 * idempotency key per attempt and outcome, so a re-run of the settle step sends nothing new.
 *
 * @example
 * rechargeEmail({ recharge, to: "c@x.test", service: "sms", options, next_attempt_at: null, switched_off: false })
 */
export function rechargeEmail(input: {
  recharge: IapRechargeDTO
  to: string | null
  service: string
  options: IapOptions
  next_attempt_at: string | null
  switched_off: boolean
}): CreateNotificationDTO[] {
  const { recharge: r, options } = input
  if (!input.to) return []
  const t = options.autoRecharge.templates
  const template =
    r.status === "succeeded" ? t.succeeded : r.status === "requires_action" ? t.requiresAction : r.status === "capped" ? t.capReached : t.failed
  const data: RechargeEmailData = {
    recharge_id: r.id, account_id: r.account_id, service: input.service, status: r.status, attempt: r.attempt, credits: r.credits,
    amount: r.amount, currency_code: r.currency_code, order_id: r.order_id, error_code: r.error_code, error: r.error,
    next_attempt_at: input.next_attempt_at, switched_off: input.switched_off,
    credits_url: creditsUrl(options.creditsUrl, { service: input.service, credits: r.credits, account: r.account_id }),
  }
  return [
    {
      to: input.to,
      channel: "email",
      template,
      data,
      trigger_type: `iap.recharge.${r.status}`,
      resource_type: "iap_recharge",
      resource_id: r.id,
      idempotency_key: `iap-recharge:${r.id}:${r.status}`,
    },
  ]
}
