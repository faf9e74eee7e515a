import type { IapCreditLotDTO } from "../../../../types"
import type { IapPortalAccountDetailDTO, IapPortalTransactionDTO } from "../../../../types/portal"
import { toStoreAccount } from "../../../utils/portal"

/**
 * What a customer sees of their account: balances, restriction, alert settings, lots (without
 * internal sources) and the `credits_url`; never metadata, holds' internals or admin ids.
 *
 * @example
 * res.json({ account: toStoreAccountDetail(detail, iap.getOptions().creditsUrl) })
 */
export function toStoreAccountDetail(detail: IapPortalAccountDetailDTO, creditsUrlTemplate: string) {
  const { lots, holds: _holds, ...account } = detail
  return { ...toStoreAccount(account, creditsUrlTemplate), lots: lots.map(toStoreLot) }
}

/**
 * A lot for its customer: no internal source id, unit price or currency.
 *
 * @example
 * detail.lots.map(toStoreLot)
 */
export function toStoreLot(lot: IapCreditLotDTO) {
  const { source_id: _source, unit_price: _price, currency_code: _currency, ...rest } = lot
  return rest
}

/**
 * A ledger row for its customer: no idempotency key, hold, actor or rate ids (the usage and the
 * rate card version it was priced with stay: what a charge was for).
 *
 * @example
 * page.data.map(toStoreTransaction)
 */
export function toStoreTransaction(t: IapPortalTransactionDTO) {
  const { idempotency_key: _key, actor_id: _actor, hold_id: _hold, customer_id: _customer, rate_id: _rate, ...rest } = t
  return rest
}
