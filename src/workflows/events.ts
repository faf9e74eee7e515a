/** The events the plugin emits (payload `{ id, ... }`), after the workflow that causes them commits. */
export const IapEvents = {
  ACCOUNT_CREATED: "iap.account.created",
  CREDITS_GRANTED: "iap.credits.granted",
  CREDITS_DEBITED: "iap.credits.debited",
  HOLD_AUTHORIZED: "iap.hold.authorized",
  HOLD_CAPTURED: "iap.hold.captured",
  HOLD_CANCELED: "iap.hold.canceled",
  HOLD_EXPIRED: "iap.hold.expired",
  LOT_EXPIRED: "iap.lot.expired",
  THRESHOLD_REACHED: "iap.account.threshold_reached",
  CHARGE_FAILED: "iap.charge.failed",
  SERVICE_USED: "iap.service.used",
} as const

export type IapEventName = (typeof IapEvents)[keyof typeof IapEvents]

export type IapEventMessage = { name: IapEventName; data: Record<string, unknown> & { id: string } }

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

type ResolvedAccount = { created: boolean; account: { id: string; service: string; customer_id: string | null } }

/**
 * `iap.account.created` when account resolution (rule 1) made the account, else nothing.
 *
 * @example
 * accountCreatedEvents(resolved) // [{ name: "iap.account.created", data: { id, service, customer_id } }]
 */
export function accountCreatedEvents(resolved: ResolvedAccount | null | undefined): IapEventMessage[] {
  if (!resolved?.created) return []
  const { id, service, customer_id } = resolved.account
  return [{ name: IapEvents.ACCOUNT_CREATED, data: { id, service, customer_id } }]
}
