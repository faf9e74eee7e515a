import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { MedusaError } from "@medusajs/framework/utils"
import { InsufficientCreditsError } from "../errors"
import { min, parseAmount, SCALE, toDecimal, toNumber } from "../utils/amount"
import { clock } from "../utils/clock"
import { planDrawDown } from "../utils/draw-down"
import { requestHash } from "../utils/secrets"
import type { LedgerBatch } from "./batch"
import { readLots } from "./db"
import { lotDto, transactionDto } from "./dto"
import { newId } from "./ids"
import { assertServiceActive, mutate } from "./mutate"
import { assertKey } from "../utils/idempotency"
import { addressedOneStatement, callGrouped, oneStatement, withAddress } from "./group-commit"
import { hasAutoRecharge } from "../queries/recharge"
import type { LotRow, TransactionType } from "./rows"
import { PricedUsage, RateCards, usageJson } from "../queries/rate-cards"
import { parseUsage, Usage } from "../utils/pricing"
import type {
  AdjustCreditsInput,
  DebitCreditsInput,
  DebitCreditsResult,
  GrantCreditsInput,
  ReleasePendingLotInput,
  VoidLotInput,
  IapProviderAddress,
} from "../../../types"

/** Grants, purchases, debits, adjustments and voids: the moves of credits in and out of lots. */

const DAY_MS = 24 * 3600 * 1000

export function assertWhole(batch: LedgerBatch, units: bigint, field: string): void {
  if (batch.account.service.integer_credits && units % SCALE !== 0n) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field} must be a whole number for this service`)
  }
}

/** Makes a lot spendable: repays debt first (docs/rules.md §4), then writes the +amount ledger row. */
function creditLot(batch: LedgerBatch, lot: LotRow, type: TransactionType, meta: Record<string, any>) {
  const repay = min(lot.remaining, batch.account.debt)
  lot.remaining -= repay
  batch.account.debt -= repay
  batch.touchLot(lot)
  return batch.addTransaction({
    ...meta,
    type,
    amount: lot.initial_amount,
    movements: [
      { lot_id: lot.id, amount: lot.initial_amount },
      { lot_id: lot.id, amount: -repay },
    ],
  })
}

function expiryFrom(input: GrantCreditsInput, now: Date): Date | null {
  if (input.expires_at) {
    const d = new Date(input.expires_at)
    if (Number.isNaN(d.getTime())) throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be a date")
    if (d.getTime() <= now.getTime()) throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_at must be in the future")
    return d
  }
  if (input.expires_after_days !== undefined && input.expires_after_days !== null) {
    const days = input.expires_after_days
    if (!Number.isInteger(days) || days <= 0) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "expires_after_days must be a positive whole number")
    }
    return new Date(now.getTime() + days * DAY_MS)
  }
  return null
}

/**
 * Adds a lot of credits. `status: "pending"` (a purchase awaiting payment) only raises `pending`.
 *
 * @example
 * await grantCredits(trx, { account_id, amount: 100, idempotency_key: "welcome" })
 */
export async function grantCredits(trx: Knex, input: GrantCreditsInput) {
  const units = parseAmount(input.amount, { field: "amount" })
  const unitPrice =
    input.unit_price === undefined || input.unit_price === null
      ? null
      : parseAmount(input.unit_price, { field: "unit_price", allowZero: true })
  const status = input.status ?? "available"
  const category = input.category ?? (input.source_type === "purchase" ? "paid" : "promotional")
  const request = {
    account_id: input.account_id,
    amount: toDecimal(units),
    category,
    source_type: input.source_type ?? "grant",
    source_id: input.source_id ?? null,
    expires_at: input.expires_at ? new Date(input.expires_at).toISOString() : null,
    expires_after_days: input.expires_after_days ?? null,
    unit_price: unitPrice === null ? null : toDecimal(unitPrice),
    currency_code: input.currency_code ?? null,
    status,
    description: input.description ?? null,
    reference_type: input.reference_type ?? null,
    reference_id: input.reference_id ?? null,
  }
  return mutate(
    trx,
    { account_id: input.account_id, operation: "grant", idempotency_key: input.idempotency_key, request, states: ["active", "suspended"] },
    (b, hash) => {
      assertWhole(b, units, "amount")
      const lot = b.addLot({
        source_type: request.source_type,
        source_id: request.source_id,
        category,
        initial_amount: units,
        remaining: units,
        reserved: 0n,
        status,
        expires_at: expiryFrom(input, b.now),
        unit_price: unitPrice,
        currency_code: request.currency_code,
      })
      if (status === "pending") {
        b.account.pending += units
        return { lot: lotDto(lot), transaction: null }
      }
      const tx = creditLot(b, lot, request.source_type === "purchase" ? "purchase" : "grant", {
        reference_type: input.reference_type ?? "lot",
        reference_id: input.reference_id ?? lot.id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.description ?? null,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      return { lot: lotDto(lot), transaction: transactionDto(tx) }
    }
  )
}

async function lotAccountId(trx: Knex, lotId: string): Promise<string> {
  const { rows } = await trx.raw(`SELECT account_id FROM iap_credit_lot WHERE id = ? AND deleted_at IS NULL`, [lotId])
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP credit lot with id: ${lotId} was not found`)
  return rows[0].account_id
}

/** A lot the batch already holds, else read (under the account lock the batch holds). */
export async function loadLot(b: LedgerBatch, lotId: string): Promise<LotRow> {
  const known = b.lots.get(lotId)
  if (known) return known
  const [lot] = await readLots(b.trx, [lotId])
  b.lots.set(lot.id, lot)
  return lot
}

/**
 * A pending (bought) lot becomes available once its payment is captured.
 * Already available: nothing to do, the lot is returned as it is.
 */
export async function releasePendingLot(trx: Knex, input: ReleasePendingLotInput) {
  const accountId = await lotAccountId(trx, input.lot_id)
  return mutate(
    trx,
    { account_id: accountId, operation: "release", idempotency_key: input.idempotency_key, request: { lot_id: input.lot_id }, states: ["active", "suspended", "closed"] },
    async (b, hash) => {
      const lot = await loadLot(b, input.lot_id)
      if (lot.status === "voided") {
        throw new MedusaError(MedusaError.Types.CONFLICT, `IAP credit lot ${lot.id} was voided`)
      }
      if (lot.status !== "pending") return { lot: lotDto(lot), transaction: null }
      lot.status = "available"
      b.account.pending -= lot.initial_amount
      const tx = creditLot(b, lot, lot.source_type === "purchase" ? "purchase" : "grant", {
        reference_type: "lot",
        reference_id: lot.id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: "Payment captured: credits available",
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      if (b.isDue(lot)) b.expireLot(lot)
      return { lot: lotDto(lot), transaction: transactionDto(tx) }
    }
  )
}

/** A debit or authorization needs `units ≤ available` (docs/rules.md §4). */
export function assertAvailable(b: LedgerBatch, units: bigint): void {
  if (units > b.available()) {
    throw new InsufficientCreditsError({
      service: b.account.service.technical_name,
      required: toNumber(units),
      available: toNumber(b.available() < 0n ? 0n : b.available()),
      account_id: b.account.id,
    })
  }
}

/** Draws `units` from the lots (docs/rules.md §3); what no lot covers becomes debt (within the overdraft). */
export function drawDown(b: LedgerBatch, units: bigint) {
  assertAvailable(b, units)
  const { portions, uncovered } = planDrawDown(b.drawableLots(), units)
  b.account.debt += uncovered
  return b.drawLots(portions)
}

/** What prices a usage under the account lock (the module's `RateCards`). */
export type Pricer = Pick<RateCards, "priceLocked">

/**
 * Exactly one of `amount` and `usage`, checked before anything is locked. The request (what
 * the idempotency hash covers) holds the usage itself, not its price: the same key with the
 * same usage replays, with another usage it is refused (409).
 *
 * @example
 * amountOrUsage({ usage: { metric: "sms_part", quantity: 1 } }) // { units: null, usage, request: { usage: {...} } }
 */
export function amountOrUsage(input: { amount?: unknown; usage?: unknown }, opts: { allowZero?: boolean } = {}) {
  const hasAmount = input.amount !== undefined && input.amount !== null
  const hasUsage = input.usage !== undefined && input.usage !== null
  if (hasAmount && hasUsage) throw new MedusaError(MedusaError.Types.INVALID_DATA, "send either amount or usage, not both")
  if (hasUsage) {
    const usage = parseUsage(input.usage)
    return { units: null, usage, request: { usage: { metric: usage.metric, quantity: toDecimal(usage.quantity), dimensions: usage.dimensions } } }
  }
  if (!hasAmount && opts.allowZero) return { units: null, usage: null, request: {} }
  const units = parseAmount(input.amount, { field: "amount", allowZero: opts.allowZero })
  return { units, usage: null as Usage | null, request: { amount: toDecimal(units) } }
}

export function usageMeta(priced: PricedUsage | null) {
  if (!priced) return {}
  return { usage: usageJson(priced.usage), rate_id: priced.rate.id, rate_version: priced.rate.version }
}

/** The usage's price under the lock (the version in effect at `at`, tiers by this month's quantity). */
export async function priceUnderLock(b: LedgerBatch, pricer: Pricer | undefined, usage: Usage, at: Date = b.now) {
  if (!pricer) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "A usage needs the module's rate cards to be priced")
  const account = { id: b.account.id, service_id: b.account.service_id, rate_revision: b.account.service.rate_revision }
  return pricer.priceLocked(b.trx, account, usage, at, b.now)
}

function debitRequest(input: DebitCreditsInput) {
  const { units, usage, request: priced } = amountOrUsage(input)
  const request = {
    account_id: input.account_id,
    ...priced,
    description: input.description ?? null,
    reference_type: input.reference_type ?? null,
    reference_id: input.reference_id ?? null,
  }
  return { units, usage, request }
}

/**
 * Debits credits for one use of a service (docs/rules.md §3, §4, §9). This is the general path;
 * the common case also runs as the SQL function `iap_debit` (ledger/sql/iap-debit.v6.ts, called
 * by `debitInOneStatement`), which repeats these rules:
 * - the account exists, is `active`, and its service is `active`;
 * - a replayed key answers the stored result; a key used for another request is left to this path (409);
 * - a whole-credit service takes whole amounts only;
 * - a lot past its expiry is expired first (§7): the SQL leaves that case to this path;
 * - amount ≤ balance − reserved + overdraft_limit (else this path builds the 402);
 * - lots drawn soonest expiry first (never-expiring last), promotional before paid, oldest first
 *   (utils/draw-down.ts); what no lot covers becomes debt;
 * - the low-balance warning disarms on a downward crossing of the threshold and re-arms above it;
 * - a usage is priced from the rate card of the service's current `rate_revision`, and added to
 *   the account's monthly quantity.
 * A rule change here changes the SQL too: add `iap-debit.v6.ts` and a migration that creates it
 * (never edit a landed version). one-statement-debit.module.spec.ts and ledger-model.module.spec.ts
 * run both paths.
 *
 * @example
 * await debitCredits(trx, { account_id, amount: 1, idempotency_key: "sms-42" })
 */
export async function debitCredits(trx: Knex, input: DebitCreditsInput, pricer?: Pricer): Promise<DebitCreditsResult> {
  const { units, usage, request } = debitRequest(input)
  const result = await mutate(
    trx,
    { account_id: input.account_id, operation: "debit", idempotency_key: input.idempotency_key, request, states: ["active"] },
    async (b, hash) => {
      assertServiceActive(b)
      const priced = usage ? await priceUnderLock(b, pricer, usage) : null
      const amount = priced ? priced.credits : units!
      assertWhole(b, amount, "amount")
      const movements = drawDown(b, amount)
      if (priced) b.countUsage(priced.usage.metric, priced.usage.quantity)
      const tx = b.addTransaction({
        ...usageMeta(priced),
        type: "debit",
        amount: -amount,
        movements,
        reference_type: input.reference_type ?? null,
        reference_id: input.reference_id ?? null,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.description ?? null,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      return { transaction: transactionDto(tx) }
    }
  )
  return { ...result, auto_recharge: await hasAutoRecharge(trx, input.account_id) }
}

const DEBIT_TYPES = [
  "text", "text", "text", "numeric", "text", "text", "text", "text", "text", "text", "text", "text", "text[]",
  "jsonb", "text", "int", "text", "int", "numeric", "text", "numeric[]", "numeric[]",
]
const DEBIT = oneStatement("iap_debit_v5", "iap_debit", DEBIT_TYPES)
const DEBIT_ADDRESSED = addressedOneStatement("iap_debit_v5_addressed", "iap_debit", DEBIT_TYPES, 0)

/** Lots one debit may draw from in a single statement; a debit spanning more takes the general path. */
const ONE_STATEMENT_LOTS = 3

/**
 * `debitCredits` as ONE autocommitted statement (`iap_debit`, ledger/sql/iap-debit.v6.ts): the
 * account lock is held only inside Postgres, never across a round trip to this process, which
 * bounds a busy account's throughput (bench/scenarios/hot-account.js). Same rows, same result,
 * same replays. Returns null, having written nothing, for every case it leaves to
 * `debitCredits` (errors, expiring lots, many lots, a rate card changed since `priced`).
 * A usage comes priced (`priced`, from the cached rate card at `priced.at`); a graduated rate
 * comes with its tiers instead, priced inside the statement by the month's quantity read
 * under the lock (its price depends on it). With `address` (a provider API call, its account
 * named by token) the same statement first checks that the call may address the account
 * (`iap_provider_account`): null when not, and the caller looks the account up again.
 *
 * @example
 * const result = (await debitInOneStatement(knex, input)) ?? (await inTransaction((trx) => debitCredits(trx, input)))
 */
export async function debitInOneStatement(
  knex: Knex,
  input: DebitCreditsInput,
  priced: { at: Date; price: PricedUsage } | null = null,
  address: IapProviderAddress | null = null
): Promise<DebitCreditsResult | null> {
  const values = debitValues(input, priced)
  if (!values) return null
  const { result } = address
    ? await callGrouped(knex, DEBIT_ADDRESSED, input.account_id, withAddress(values, address))
    : await callGrouped(knex, DEBIT, input.account_id, values)
  return result
}

/** `iap_debit`'s values for a debit, or null when it needs the general path. */
function debitValues(input: DebitCreditsInput, priced: { at: Date; price: PricedUsage } | null): unknown[] | null {
  assertKey(input.idempotency_key)
  const { units, usage, request } = debitRequest(input)
  if (usage && !priced) return null
  const p = priced?.price ?? null
  const tiers = p?.rate.tiers ?? null
  const movementIds = Array.from({ length: ONE_STATEMENT_LOTS }, () => newId("iaptxl"))
  return [
    input.account_id,
    input.idempotency_key,
    requestHash("debit", request),
    tiers ? null : toDecimal(p ? p.credits : units!),
    request.reference_type,
    request.reference_id,
    request.description,
    input.actor_type ?? null,
    input.actor_id ?? null,
    (priced?.at ?? clock.now()).toISOString(),
    newId("iaptx"),
    newId("iapop"),
    movementIds,
    p ? JSON.stringify(usageJson(p.usage)) : null,
    p?.rate.id ?? null,
    p?.rate.version ?? null,
    p?.service_id ?? null,
    p?.revision ?? null,
    p ? toDecimal(p.usage.quantity) : null,
    p ? newId("iapum") : null,
    tiers ? tiers.map((t) => (t.up_to === null ? null : toDecimal(t.up_to))) : null,
    tiers ? tiers.map((t) => toDecimal(t.unit_credits)) : null,
  ]
}

/**
 * A debit outside any caller's transaction: priced from the cached rate card when it is a
 * usage, then tried in one statement. Null when the general path must run (any pricing problem
 * — no rate, a bad usage — is answered there, after its replay check).
 *
 * @example
 * const result = (await debitOnPool(knex, input, rates)) ?? (await knex.transaction((trx) => debitCredits(trx, input, rates)))
 */
export async function debitOnPool(
  pool: Knex,
  input: DebitCreditsInput,
  rates: RateCards,
  address: IapProviderAddress | null = null
): Promise<DebitCreditsResult | null> {
  const usage = input.usage != null && input.amount == null ? input.usage : null
  const at = clock.now()
  const price = usage ? await rates.priceForOneStatement(pool, input.account_id, parseUsage(usage), at).catch(() => null) : null
  if (usage && !price) return null
  const done = await debitInOneStatement(pool, input, price ? { at, price } : null, address)
  if (!done && price) rates.invalidate(price.service_id)
  return done
}

/**
 * An admin correction with a note: + adds a promotional lot, − draws down like a debit.
 */
export async function adjustCredits(trx: Knex, input: AdjustCreditsInput) {
  const units = parseAmount(input.amount, { field: "amount", allowNegative: true })
  if (typeof input.note !== "string" || input.note.trim() === "") {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "note is required for an adjustment")
  }
  const request = { account_id: input.account_id, amount: toDecimal(units), note: input.note }
  return mutate(
    trx,
    { account_id: input.account_id, operation: "adjust", idempotency_key: input.idempotency_key, request, states: ["active", "suspended"] },
    (b, hash) => {
      assertWhole(b, units, "amount")
      const meta = {
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.note,
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      }
      if (units > 0n) {
        const lot = b.addLot({
          source_type: "grant", source_id: input.actor_id ?? null, category: "promotional",
          initial_amount: units, remaining: units, reserved: 0n, status: "available",
          expires_at: null, unit_price: null, currency_code: null,
        })
        const tx = creditLot(b, lot, "adjustment", { ...meta, reference_type: "lot", reference_id: lot.id })
        return { transaction: transactionDto(tx), lot: lotDto(lot) }
      }
      const movements = drawDown(b, -units)
      const tx = b.addTransaction({ ...meta, type: "adjustment", amount: units, movements })
      return { transaction: transactionDto(tx), lot: null }
    }
  )
}

/**
 * Voids what is left of a lot: a pending lot entirely, an available one up to its unreserved
 * remainder (consumed credits stay consumed; `shortfall` says how much could not be voided).
 */
export async function voidLot(trx: Knex, input: VoidLotInput) {
  const accountId = await lotAccountId(trx, input.lot_id)
  return mutate(
    trx,
    { account_id: accountId, operation: "void", idempotency_key: input.idempotency_key, request: { lot_id: input.lot_id, note: input.note ?? null }, states: ["active", "suspended", "closed"] },
    async (b, hash) => {
      const lot = await loadLot(b, input.lot_id)
      if (lot.status === "voided" || lot.status === "expired") {
        throw new MedusaError(MedusaError.Types.CONFLICT, `IAP credit lot ${lot.id} is already ${lot.status}`)
      }
      const wasPending = lot.status === "pending"
      const voided = wasPending ? 0n : lot.remaining - lot.reserved
      // A pending lot never counted in the balance: it closes empty (Σ lot remaining − debt = balance).
      if (wasPending) b.account.pending -= lot.initial_amount
      lot.remaining = wasPending ? 0n : lot.remaining - voided
      lot.status = "voided"
      b.touchLot(lot)
      const tx = b.addTransaction({
        type: "void",
        amount: -voided,
        movements: [{ lot_id: lot.id, amount: -voided }],
        reference_type: "lot",
        reference_id: lot.id,
        idempotency_key: input.idempotency_key,
        request_hash: hash,
        description: input.note ?? (wasPending ? "Pending credits voided" : "Credits voided"),
        actor_type: input.actor_type ?? null,
        actor_id: input.actor_id ?? null,
      })
      const shortfall = wasPending ? 0n : lot.initial_amount - voided
      return { lot: lotDto(lot), transaction: transactionDto(tx), voided: toNumber(voided), shortfall: toNumber(shortfall) }
    }
  )
}
