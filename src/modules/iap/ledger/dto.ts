import { toNumber } from "../utils/amount"
import type { AccountRow, HoldRow, LotRow, TransactionRow } from "./rows"
import type {
  IapAccountBalancesDTO,
  IapCreditLotDTO,
  IapHoldDTO,
  IapTransactionDTO,
} from "../../../types"

/** Row → the plain JSON the module returns (and stores for idempotent replays). */

export function balancesDto(a: AccountRow): IapAccountBalancesDTO {
  return {
    id: a.id,
    service_id: a.service_id,
    service: a.service.technical_name,
    customer_id: a.customer_id,
    state: a.state,
    balance: toNumber(a.balance),
    reserved: toNumber(a.reserved),
    available: toNumber(a.balance - a.reserved + a.overdraft_limit),
    pending: toNumber(a.pending),
    debt: toNumber(a.debt),
    overdraft_limit: toNumber(a.overdraft_limit),
  }
}

export function transactionDto(t: TransactionRow): IapTransactionDTO {
  return {
    id: t.id,
    account_id: t.account_id,
    type: t.type,
    amount: toNumber(t.amount),
    balance_after: toNumber(t.balance_after),
    hold_id: t.hold_id,
    reference_type: t.reference_type,
    reference_id: t.reference_id,
    idempotency_key: t.idempotency_key,
    description: t.description,
    actor_type: t.actor_type,
    actor_id: t.actor_id,
    usage: t.usage,
    rate_id: t.rate_id,
    rate_version: t.rate_version,
    created_at: t.created_at.toISOString(),
  }
}

export function holdDto(h: HoldRow): IapHoldDTO {
  return {
    id: h.id,
    account_id: h.account_id,
    amount: toNumber(h.amount),
    captured_amount: toNumber(h.captured_amount),
    status: h.status,
    expires_at: h.expires_at.toISOString(),
    resolved_at: h.resolved_at ? h.resolved_at.toISOString() : null,
    description: h.description,
    idempotency_key: h.idempotency_key,
    reference_type: h.reference_type,
    reference_id: h.reference_id,
    usage: h.usage,
    rate_id: h.rate_id,
    rate_version: h.rate_version,
    created_at: h.created_at.toISOString(),
  }
}

export function lotDto(l: LotRow): IapCreditLotDTO {
  return {
    id: l.id,
    account_id: l.account_id,
    source_type: l.source_type,
    source_id: l.source_id,
    category: l.category,
    initial_amount: toNumber(l.initial_amount),
    remaining: toNumber(l.remaining),
    reserved: toNumber(l.reserved),
    status: l.status,
    expires_at: l.expires_at ? l.expires_at.toISOString() : null,
    unit_price: l.unit_price === null ? null : toNumber(l.unit_price),
    currency_code: l.currency_code,
    created_at: l.created_at.toISOString(),
  }
}
