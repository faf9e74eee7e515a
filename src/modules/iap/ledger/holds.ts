import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { MAX_HOLD_TTL_SECONDS } from "../options"
import { parseAmount, toDecimal, toNumber } from "../utils/amount"
import { planDrawDown, sortForDrawDown } from "../utils/draw-down"
import type { LedgerBatch } from "./batch"
import { amountOrUsage, assertAvailable, assertWhole, Pricer, priceUnderLock, usageMeta } from "./credits"
import { readAllocations, readHold, readHoldTransaction, readLots } from "./db"
import { holdDto, transactionDto } from "./dto"
import { newId } from "./ids"
import { assertKey } from "../utils/idempotency"
import { assertServiceActive, mutate } from "./mutate"
import { addressedOneStatement, callGrouped, oneStatement, withAddress } from "./group-commit"
import { hasAutoRecharge } from "../queries/recharge"
import { clock } from "../utils/clock"
import { requestHash } from "../utils/secrets"
import type { HoldRow, TransactionRow } from "./rows"
import type { AuthorizeCreditsInput, CancelHoldInput, CaptureHoldInput, IapProviderAddress } from "../../../types"

/** Two-phase debits (docs/rules.md §5): authorize reserves lot portions, capture/cancel/expiry resolve once. */

function authorizeRequest(input: AuthorizeCreditsInput) {
  const { units: amount, usage, request: priceRequest } = amountOrUsage(input)
  if (input.ttl_seconds !== undefined && input.ttl_seconds !== null) {
    if (!Number.isInteger(input.ttl_seconds) || input.ttl_seconds <= 0 || input.ttl_seconds > MAX_HOLD_TTL_SECONDS) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `ttl_seconds must be a whole number from 1 to ${MAX_HOLD_TTL_SECONDS} (180 days)`)
    }
  }
  const request = {
    account_id: input.account_id,
    ...priceRequest,
    ttl_seconds: input.ttl_seconds ?? null,
    description: input.description ?? null,
    reference_type: input.reference_type ?? null,
    reference_id: input.reference_id ?? null,
  }
  return { amount, usage, request }
}

/**
 * Reserves credits for a pending use. The hold expires after `ttl_seconds` (else the
 * service's, else the plugin's default). Its common case also exists as the SQL function
 * `iap_authorize` (see `authorizeInOneStatement`): a change to these rules changes both, and
 * one-statement-debit.module.spec.ts compares them.
 */
export async function authorizeCredits(trx: Knex, input: AuthorizeCreditsInput, defaultTtl: number, pricer?: Pricer) {
  const { amount, usage, request } = authorizeRequest(input)
  const result = await mutate(
    trx,
    { account_id: input.account_id, operation: "authorize", idempotency_key: input.idempotency_key, request, states: ["active"] },
    async (b) => {
      assertServiceActive(b)
      const priced = usage ? await priceUnderLock(b, pricer, usage) : null
      const units = priced ? priced.credits : amount!
      if (units === 0n) {
        throw new MedusaError(MedusaError.Types.INVALID_DATA, "usage costs 0 credits: there is nothing to authorize, charge it instead")
      }
      assertWhole(b, units, "amount")
      assertAvailable(b, units)
      const ttl = input.ttl_seconds ?? b.account.service.hold_ttl_seconds ?? defaultTtl
      const hold = b.addHold({
        amount: units,
        captured_amount: 0n,
        status: "pending",
        expires_at: new Date(b.now.getTime() + ttl * 1000),
        resolved_at: null,
        description: input.description ?? null,
        idempotency_key: input.idempotency_key,
        reference_type: input.reference_type ?? null,
        reference_id: input.reference_id ?? null,
        usage: null,
        rate_id: null,
        rate_version: null,
        ...usageMeta(priced),
      })
      // Overdraft may leave part of the hold without lots: capture draws it then (lots, else debt).
      for (const p of planDrawDown(b.drawableLots(), units).portions) {
        const lot = b.lots.get(p.lot_id)!
        lot.reserved += p.amount
        b.touchLot(lot)
        b.allocate(hold.id, lot.id, p.amount)
      }
      b.account.reserved += units
      return { hold: holdDto(hold) }
    }
  )
  return { ...result, auto_recharge: await hasAutoRecharge(trx, input.account_id) }
}

/**
 * Ends a pending hold: takes `capture` from its reserved lot portions (draw-down order) and
 * releases the rest. A released portion of a lot that expired or was voided meanwhile
 * leaves at once with its own ledger row.
 */
async function resolveHold(b: LedgerBatch, hold: HoldRow, capture: bigint, status: HoldRow["status"], meta: Record<string, any>) {
  const allocations = await readAllocations(b.trx, hold.id)
  const missing = allocations.map((a) => a.lot_id).filter((id) => !b.lots.has(id))
  for (const lot of await readLots(b.trx, missing)) b.lots.set(lot.id, lot)
  const order = sortForDrawDown(allocations.map((a) => b.lots.get(a.lot_id)!)).map((l) => l.id)
  allocations.sort((x, y) => order.indexOf(x.lot_id) - order.indexOf(y.lot_id))

  let left = capture
  const movements: { lot_id: string; amount: bigint }[] = []
  for (const a of allocations) {
    const lot = b.lots.get(a.lot_id)!
    const take = a.amount < left ? a.amount : left
    left -= take
    lot.reserved -= a.amount
    lot.remaining -= take
    b.touchLot(lot)
    if (take > 0n) movements.push({ lot_id: lot.id, amount: -take })
  }
  // A part the hold never reserved (authorized on overdraft) is drawn like a debit (docs/rules.md §3):
  // credits granted since cover it first, and only what no lot covers becomes debt (docs/rules.md §4).
  if (left > 0n) {
    const { portions, uncovered } = planDrawDown(b.drawableLots(), left)
    movements.push(...b.drawLots(portions))
    left = uncovered
  }
  b.account.debt += left
  b.account.reserved -= hold.amount
  hold.status = status
  hold.captured_amount = capture
  hold.resolved_at = b.now
  b.touchHold(hold)

  let tx: TransactionRow | null = null
  if (capture > 0n) {
    tx = b.addTransaction({ ...meta, type: "capture", amount: -capture, movements, hold_id: hold.id, reference_type: hold.reference_type, reference_id: hold.reference_id })
  }
  for (const a of allocations) {
    const lot = b.lots.get(a.lot_id)!
    const freed = lot.remaining - lot.reserved
    if (lot.status === "available" || freed <= 0n) continue
    lot.remaining -= freed
    b.addTransaction({
      type: lot.status === "expired" ? "expiry" : "void",
      amount: -freed,
      movements: [{ lot_id: lot.id, amount: -freed }],
      reference_type: "lot",
      reference_id: lot.id,
      description: lot.status === "expired" ? "Credits expired (released from a hold)" : "Credits voided (released from a hold)",
    })
  }
  return tx
}

async function holdAccountId(trx: Knex, holdId: string, expectedAccountId?: string | null): Promise<string> {
  const hold = await readHold(trx, holdId)
  if (!hold || (expectedAccountId && hold.account_id !== expectedAccountId)) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP hold with id: ${holdId} was not found`)
  }
  return hold.account_id
}

function notPending(hold: HoldRow, action: string): MedusaError {
  return new MedusaError(
    MedusaError.Types.CONFLICT,
    `IAP hold ${hold.id} is already ${hold.status}: it cannot be ${action}`,
    "hold_not_pending"
  )
}

/** Reads the hold under the account lock; a pending hold past its TTL is expired on the spot. */
async function lockedHold(b: LedgerBatch, holdId: string): Promise<HoldRow> {
  const hold = (await readHold(b.trx, holdId))!
  if (hold.status === "pending" && hold.expires_at.getTime() <= b.now.getTime()) {
    await resolveHold(b, hold, 0n, "expired", {})
  }
  return hold
}

/**
 * Captures at most the authorized amount; the rest is released. Capturing again with the
 * same amount returns the same result; after cancel or expiry → 409.
 */
function captureRequest(input: CaptureHoldInput) {
  const { units: amount, usage, request: priceRequest } = amountOrUsage(input, { allowZero: true })
  // Captures without a usage hash as before ({ hold_id, amount }), so their stored keys still replay.
  const request = usage ? { hold_id: input.hold_id, ...priceRequest } : { hold_id: input.hold_id, amount: amount === null ? null : toDecimal(amount) }
  return { amount, usage, request }
}

/**
 * Captures at most the authorized amount; the rest is released. Capturing again with the
 * same amount returns the same result; after cancel or expiry → 409. `account_id`, when given,
 * is the account the caller addresses: another account's hold answers 404 like a missing one.
 * Its common case also exists as the SQL function `iap_capture` (see `captureInOneStatement`).
 */
export async function captureHold(trx: Knex, input: CaptureHoldInput & { account_id?: string | null }, pricer?: Pricer) {
  const { amount, usage, request } = captureRequest(input)
  const accountId = await holdAccountId(trx, input.hold_id, input.account_id)
  const result = await mutate(
    trx,
    { account_id: accountId, operation: "capture", idempotency_key: input.idempotency_key, request, states: ["active", "suspended", "closed"] },
    async (b, hash) => {
      const hold = await lockedHold(b, input.hold_id)
      // A final usage is priced with the rate card version of the authorization.
      const priced = usage && hold.status === "pending" ? await priceUnderLock(b, pricer, usage, hold.created_at) : null
      const capture = priced ? priced.credits : amount ?? hold.amount
      if (hold.status === "captured" && !usage && capture === hold.captured_amount) {
        b.noop = true
        const tx = await readHoldTransaction(b.trx, hold.id)
        return { hold: holdDto(hold), transaction: tx ? transactionDto(tx) : null }
      }
      if (hold.status !== "pending") throw notPending(hold, "captured")
      assertWhole(b, capture, "amount")
      if (capture > hold.amount) {
        const what = priced ? `usage costs ${toNumber(capture)} credits, more than` : "amount must be at most"
        throw new MedusaError(MedusaError.Types.INVALID_DATA, `${what} the authorized ${toNumber(hold.amount)}`)
      }
      // The row keeps the usage it was priced from: the final usage, or the authorized one when all of it is captured.
      const meta = priced
        ? usageMeta(priced)
        : amount === null && hold.usage
          ? { usage: hold.usage, rate_id: hold.rate_id, rate_version: hold.rate_version }
          : {}
      const counted = priced ? priced.usage : amount === null && hold.usage ? hold.usage : null
      if (counted) b.countUsage(counted.metric, typeof counted.quantity === "bigint" ? counted.quantity : parseAmount(counted.quantity))
      const tx = await resolveHold(b, hold, capture, "captured", {
        ...meta,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.description ?? hold.description,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      return { hold: holdDto(hold), transaction: tx ? transactionDto(tx) : null }
    }
  )
  return { ...result, auto_recharge: await hasAutoRecharge(trx, accountId) }
}

/** Releases a pending hold entirely. Canceling again returns the same result. */
export async function cancelHold(trx: Knex, input: CancelHoldInput) {
  const accountId = await holdAccountId(trx, input.hold_id)
  return mutate(
    trx,
    { account_id: accountId, operation: "cancel", idempotency_key: input.idempotency_key, request: { hold_id: input.hold_id }, states: ["active", "suspended", "closed"] },
    async (b) => {
      const hold = await lockedHold(b, input.hold_id)
      if (hold.status === "canceled") {
        b.noop = true
        return { hold: holdDto(hold) }
      }
      if (hold.status !== "pending") throw notPending(hold, "canceled")
      await resolveHold(b, hold, 0n, "canceled", {})
      return { hold: holdDto(hold) }
    }
  )
}

/** The expiry job's unit of work: expires one hold if it is still pending and due. */
export async function expireHold(trx: Knex, holdId: string) {
  const accountId = await holdAccountId(trx, holdId)
  return mutate(
    trx,
    { account_id: accountId, operation: "expire_hold", idempotency_key: null, request: { hold_id: holdId }, states: ["active", "suspended", "closed"] },
    async (b) => {
      const hold = (await readHold(b.trx, holdId))!
      if (hold.status !== "pending" || hold.expires_at.getTime() > b.now.getTime()) {
        b.noop = true
        return { hold: holdDto(hold), expired: false }
      }
      await resolveHold(b, hold, 0n, "expired", {})
      return { hold: holdDto(hold), expired: true }
    }
  )
}

const AUTHORIZE_TYPES = ["text", "text", "text", "numeric", "int", "int", "text", "text", "text", "text", "text", "text", "text[]"]
const AUTHORIZE = oneStatement("iap_authorize", "iap_authorize", AUTHORIZE_TYPES)
const AUTHORIZE_ADDRESSED = addressedOneStatement("iap_authorize_addressed", "iap_authorize", AUTHORIZE_TYPES, 0)
const CAPTURE_TYPES = ["text", "text", "text", "text", "numeric", "text", "text", "text", "text", "text", "text", "text[]"]
const CAPTURE = oneStatement("iap_capture", "iap_capture", CAPTURE_TYPES)
const CAPTURE_ADDRESSED = addressedOneStatement("iap_capture_addressed", "iap_capture", CAPTURE_TYPES, 1)

/** Lots one hold may reserve (or one capture draw from) in a single statement; more take the general path. */
const ONE_STATEMENT_LOTS = 3

type AuthorizeResult = Awaited<ReturnType<typeof authorizeCredits>>
type CaptureResult = Awaited<ReturnType<typeof captureHold>>

/**
 * `authorizeCredits` as ONE autocommitted statement (`iap_authorize`, migration
 * Migration20261128120000), as `debitInOneStatement` does for debits: same rows, same result,
 * same replays. Returns null, having written nothing, for every case it leaves to the general
 * path (errors, usages, lots due to expire, many lots). With `address`, as `debitInOneStatement`:
 * null also when the call may not address the account.
 *
 * @example
 * const result = (await authorizeInOneStatement(knex, input, 900)) ?? (await inTransaction((trx) => authorizeCredits(trx, input, 900)))
 */
export async function authorizeInOneStatement(
  knex: Knex,
  input: AuthorizeCreditsInput,
  defaultTtl: number,
  address: IapProviderAddress | null = null
): Promise<AuthorizeResult | null> {
  assertKey(input.idempotency_key)
  const { amount, usage, request } = authorizeRequest(input)
  if (usage || amount === null) return null
  const values = [
    input.account_id,
    input.idempotency_key,
    requestHash("authorize", request),
    toDecimal(amount),
    input.ttl_seconds ?? null,
    defaultTtl,
    request.description,
    request.reference_type,
    request.reference_id,
    clock.now().toISOString(),
    newId("iaphold"),
    newId("iapop"),
    Array.from({ length: ONE_STATEMENT_LOTS }, () => newId("iapalloc")),
  ]
  const { result } = address
    ? await callGrouped(knex, AUTHORIZE_ADDRESSED, input.account_id, withAddress(values, address))
    : await callGrouped(knex, AUTHORIZE, input.account_id, values)
  return result
}

/**
 * `captureHold` as ONE autocommitted statement (`iap_capture`): a pending hold fully covered by
 * available lots, without usage. Returns null, having written nothing, for every other case.
 * With `address`, as `debitInOneStatement`: null also when the call may not address the account.
 *
 * @example
 * const result = (await captureInOneStatement(knex, { hold_id, amount: 3, idempotency_key: "cap-1" })) ?? general()
 */
export async function captureInOneStatement(
  knex: Knex,
  input: CaptureHoldInput & { account_id?: string | null },
  address: IapProviderAddress | null = null
): Promise<CaptureResult | null> {
  assertKey(input.idempotency_key)
  const { amount, usage, request } = captureRequest(input)
  if (usage || (address && !input.account_id)) return null
  const values = [
    input.hold_id,
    input.account_id ?? null,
    input.idempotency_key,
    requestHash("capture", request),
    amount === null ? null : toDecimal(amount),
    input.description ?? null,
    input.actor_type ?? null,
    input.actor_id ?? null,
    clock.now().toISOString(),
    newId("iaptx"),
    newId("iapop"),
    Array.from({ length: ONE_STATEMENT_LOTS }, () => newId("iaptxl")),
  ]
  const { result } = address
    ? await callGrouped(knex, CAPTURE_ADDRESSED, input.account_id!, withAddress(values, address))
    : await callGrouped(knex, CAPTURE, input.account_id ?? input.hold_id, values)
  return result
}

