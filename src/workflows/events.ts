/** The events the plugin emits (payload `{ id, ... }`), after the workflow that causes them commits. */
export const IapEvents = {
  ACCOUNT_CREATED: "iap.account.created",
  CREDITS_GRANTED: "iap.credits.granted",
  CREDITS_DEBITED: "iap.credits.debited",
  /** A refund or return took back credits an order bought: `{ id, account_id, order_id, credits, shortfall, reference }`. */
  CREDITS_CLAWED_BACK: "iap.credits.clawed_back",
  HOLD_AUTHORIZED: "iap.hold.authorized",
  HOLD_CAPTURED: "iap.hold.captured",
  HOLD_CANCELED: "iap.hold.canceled",
  HOLD_EXPIRED: "iap.hold.expired",
  LOT_EXPIRED: "iap.lot.expired",
  THRESHOLD_REACHED: "iap.account.threshold_reached",
  CHARGE_FAILED: "iap.charge.failed",
  SERVICE_USED: "iap.service.used",
  RECHARGE_SUCCEEDED: "iap.recharge.succeeded",
  RECHARGE_FAILED: "iap.recharge.failed",
  RECHARGE_REQUIRES_ACTION: "iap.recharge.requires_action",
  RECHARGE_CAP_REACHED: "iap.recharge.cap_reached",
} as const

export type IapEventName = (typeof IapEvents)[keyof typeof IapEvents]

export type IapEventMessage = { name: IapEventName; data: Record<string, unknown> & { id: string }; metadata?: Record<string, unknown> }

/**
 * Metadata of an `iap.credits.debited`, `iap.hold.authorized` or `iap.hold.captured` whose ledger
 * call found no auto-recharge settings on (its own read: `iap_debit` v4, `iap_authorize` and
 * `iap_capture` v2, or the general path's): the trigger has nothing to read then (docs/rules.md §14).
 */
export const NO_AUTO_RECHARGE = { iap_auto_recharge: false } as const

type ResultLike = {
  replayed?: boolean
  threshold_reached?: boolean
  expired_lot_ids?: string[]
  account: { id: string; service: string; customer_id: string | null; available: number }
}

/**
 * The events one ledger result implies: its own event, plus lots that expired on the way and
 * a threshold crossing. A replayed result implies none (they went out the first time).
 *
 * @example
 * eventsOf(result, { name: IapEvents.CREDITS_DEBITED, data: { id: result.transaction.id } })
 */
export function eventsOf(result: ResultLike, main?: IapEventMessage | null): IapEventMessage[] {
  if (!result || result.replayed) return []
  const a = result.account
  const events: IapEventMessage[] = main ? [main] : []
  for (const id of result.expired_lot_ids ?? []) {
    events.push({ name: IapEvents.LOT_EXPIRED, data: { id, account_id: a.id } })
  }
  if (result.threshold_reached) {
    events.push({
      name: IapEvents.THRESHOLD_REACHED,
      data: { id: a.id, service: a.service, customer_id: a.customer_id, available: a.available },
    })
  }
  return events
}

export type ResolvedAccount = {
  created: boolean
  account: { id: string; service: string; customer_id: string | null }
  trial_lot_id?: string | null
  trial_transaction?: { id: string; amount: number } | null
}

/**
 * What account resolution (docs/rules.md rule 1) did: `iap.account.created` when it made the account, and
 * `iap.credits.granted` for the trial credits it granted the new account (payload as a grant's).
 *
 * @example
 * accountResolvedEvents(resolved) // [{ name: "iap.account.created", … }, { name: "iap.credits.granted", … }]
 */
export function accountResolvedEvents(resolved: ResolvedAccount | null | undefined): IapEventMessage[] {
  if (!resolved) return []
  const { id, service, customer_id } = resolved.account
  const events: IapEventMessage[] = resolved.created ? [{ name: IapEvents.ACCOUNT_CREATED, data: { id, service, customer_id } }] : []
  const trial = resolved.trial_transaction
  if (trial) {
    events.push({
      name: IapEvents.CREDITS_GRANTED,
      data: { id: trial.id, account_id: id, lot_id: resolved.trial_lot_id ?? null, amount: trial.amount },
    })
  }
  return events
}
