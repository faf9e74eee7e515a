import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { idempotencyKeyReused } from "../errors"
import { clock } from "../utils/clock"
import { assertKey } from "../utils/idempotency"
import { requestHash } from "../utils/secrets"
import { LedgerBatch } from "./batch"
import { lockAndRead } from "./db"
import { balancesDto } from "./dto"
import type { AccountState } from "./rows"
import type { IapMutationResult } from "../../../types"

export type MutateOptions = {
  account_id: string
  /** Operation name, part of the request hash: a key used for a debit cannot replay a grant. */
  operation: string
  /** Required for client mutations; internal sweeps (expiry jobs) pass null. */
  idempotency_key: string | null
  request: Record<string, unknown>
  /** Account states in which the operation is allowed. */
  states: AccountState[]
}

/**
 * The frame of every account mutation: lock the account, answer a replay from its stored
 * result, refuse the wrong account state, expire due lots, run `fn`, then write it all (and
 * the idempotency record) in one statement. Any throw rolls the whole transaction back.
 *
 * @example
 * await mutate(trx, { account_id, operation: "debit", idempotency_key, request, states: ["active"] }, (b) => ...)
 */
export async function mutate<R extends object>(
  trx: Knex,
  opts: MutateOptions,
  fn: (batch: LedgerBatch, hash: string) => R | Promise<R>
): Promise<R & IapMutationResult> {
  if (opts.idempotency_key !== null) assertKey(opts.idempotency_key)
  const hash = requestHash(opts.operation, opts.request)
  const { account, op, lots } = await lockAndRead(trx, opts.account_id, opts.idempotency_key)
  if (op) {
    if (op.operation === opts.operation && op.request_hash === hash) return { ...op.result, replayed: true }
    throw idempotencyKeyReused(opts.idempotency_key!)
  }
  if (!opts.states.includes(account.state)) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `IAP account ${account.id} is ${account.state}: ${opts.operation} is not allowed`
    )
  }

  const batch = new LedgerBatch(trx, account, lots, clock.now())
  batch.expireDueLots()
  const outcome = await fn(batch, hash)
  if (batch.noop) {
    const current = { ...outcome, account: balancesDto(batch.account), threshold_reached: false, expired_lot_ids: [] }
    return { ...JSON.parse(JSON.stringify(current)), replayed: true }
  }
  batch.evaluateThreshold()
  const result = JSON.parse(
    JSON.stringify({
      ...outcome,
      account: balancesDto(batch.account),
      threshold_reached: batch.thresholdReached,
      expired_lot_ids: batch.expiredLotIds,
    })
  )
  if (opts.idempotency_key !== null) {
    batch.operation = { key: opts.idempotency_key, name: opts.operation, hash, result }
  }
  await batch.flush()
  return { ...result, replayed: false }
}

/** Refuses spending on an archived service. */
export function assertServiceActive(batch: LedgerBatch): void {
  if (batch.account.service.status !== "active") {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `IAP service ${batch.account.service.technical_name} is archived`
    )
  }
}
