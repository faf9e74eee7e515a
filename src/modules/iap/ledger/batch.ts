import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { DrawPortion, DrawableLot } from "../utils/draw-down"
import { newId } from "./ids"
import { writeBatch } from "./write"
import type { IapUsageDTO } from "../../../types"
import type {
  AccountRow,
  AllocationRow,
  HoldRow,
  LotRow,
  MovementRow,
  TransactionRow,
  TransactionType,
} from "./rows"

export type TransactionInput = {
  type: TransactionType
  amount: bigint
  movements?: DrawPortion[]
  hold_id?: string | null
  reference_type?: string | null
  reference_id?: string | null
  idempotency_key?: string | null
  request_hash?: string | null
  description?: string | null
  actor_type?: string | null
  actor_id?: string | null
  usage?: IapUsageDTO | null
  rate_id?: string | null
  rate_version?: number | null
}

/**
 * The changes one operation makes to one locked account, kept in memory and written in a
 * single statement by `flush()`. It keeps `balance = Σ lot remaining − debt` and
 * `balance = ledger sum` true by construction: every balance change is a ledger row.
 */
export class LedgerBatch {
  readonly lots = new Map<string, LotRow>()
  readonly newLots: LotRow[] = []
  readonly dirtyLots = new Set<string>()
  readonly newHolds: HoldRow[] = []
  readonly dirtyHolds = new Map<string, HoldRow>()
  readonly allocations: AllocationRow[] = []
  readonly transactions: TransactionRow[] = []
  readonly movements: MovementRow[] = []
  readonly expiredLotIds: string[] = []
  /** Quantities to add to the account's monthly usage counters (`iap_usage_month`). */
  readonly usageCounts: { metric: string; month: string; quantity: bigint }[] = []
  operation: { key: string; name: string; hash: string; result: unknown } | null = null
  thresholdReached = false
  /** Set when the operation found its work already done (a repeated capture): nothing is written. */
  noop = false

  constructor(
    readonly trx: Knex,
    readonly account: AccountRow,
    lots: LotRow[],
    readonly now: Date
  ) {
    for (const lot of lots) this.lots.set(lot.id, lot)
  }

  /** Credits a new debit or hold may use: balance − reserved + overdraft limit. */
  available(): bigint {
    return this.account.balance - this.account.reserved + this.account.overdraft_limit
  }

  /** Lots that can be drawn now, with their unreserved amount. */
  drawableLots(): DrawableLot[] {
    const out: DrawableLot[] = []
    for (const lot of this.lots.values()) {
      if (lot.status !== "available" || this.isDue(lot)) continue
      const free = lot.remaining - lot.reserved
      if (free > 0n) out.push({ id: lot.id, free, expires_at: lot.expires_at, category: lot.category, created_at: lot.created_at })
    }
    return out
  }

  isDue(lot: LotRow): boolean {
    return lot.expires_at !== null && lot.expires_at.getTime() <= this.now.getTime()
  }

  /**
   * Expiry in the moment (docs/rules.md §7): lots past their expiry stop counting before anything else happens,
   * each with one `expiry` row for its unreserved remainder (held portions stay until released).
   */
  expireDueLots(): void {
    for (const lot of this.lots.values()) {
      if (lot.status === "available" && this.isDue(lot)) this.expireLot(lot)
    }
  }

  expireLot(lot: LotRow): void {
    const free = lot.remaining - lot.reserved
    lot.status = "expired"
    this.touchLot(lot)
    this.expiredLotIds.push(lot.id)
    if (free > 0n) {
      lot.remaining -= free
      this.addTransaction({
        type: "expiry",
        amount: -free,
        movements: [{ lot_id: lot.id, amount: -free }],
        reference_type: "lot",
        reference_id: lot.id,
        description: "Credits expired",
      })
    }
  }

  addLot(lot: Omit<LotRow, "id" | "account_id" | "created_at">): LotRow {
    const row: LotRow = { ...lot, id: newId("iaplot"), account_id: this.account.id, created_at: this.now }
    this.newLots.push(row)
    this.lots.set(row.id, row)
    return row
  }

  touchLot(lot: LotRow): void {
    if (!this.newLots.includes(lot)) this.dirtyLots.add(lot.id)
  }

  addHold(hold: Omit<HoldRow, "id" | "account_id" | "created_at">): HoldRow {
    const row: HoldRow = { ...hold, id: newId("iaphold"), account_id: this.account.id, created_at: this.now }
    this.newHolds.push(row)
    return row
  }

  touchHold(hold: HoldRow): void {
    if (!this.newHolds.includes(hold)) this.dirtyHolds.set(hold.id, hold)
  }

  allocate(holdId: string, lotId: string, amount: bigint): void {
    this.allocations.push({ id: newId("iapalloc"), hold_id: holdId, lot_id: lotId, amount })
  }

  /** Takes `portions` out of their lots (remaining − amount). */
  drawLots(portions: DrawPortion[]): DrawPortion[] {
    return portions.map((p) => {
      const lot = this.lots.get(p.lot_id)!
      lot.remaining -= p.amount
      this.touchLot(lot)
      return { lot_id: p.lot_id, amount: -p.amount }
    })
  }

  /** Appends a ledger row and moves the balance by its amount. */
  addTransaction(input: TransactionInput): TransactionRow {
    this.account.balance += input.amount
    const row: TransactionRow = {
      id: newId("iaptx"),
      account_id: this.account.id,
      type: input.type,
      amount: input.amount,
      balance_after: this.account.balance,
      hold_id: input.hold_id ?? null,
      reference_type: input.reference_type ?? null,
      reference_id: input.reference_id ?? null,
      idempotency_key: input.idempotency_key ?? null,
      request_hash: input.request_hash ?? null,
      description: input.description ?? null,
      actor_type: input.actor_type ?? null,
      actor_id: input.actor_id ?? null,
      usage: input.usage ?? null,
      rate_id: input.rate_id ?? null,
      rate_version: input.rate_version ?? null,
      created_at: this.now,
    }
    this.transactions.push(row)
    for (const m of input.movements ?? []) {
      if (m.amount !== 0n) {
        this.movements.push({ id: newId("iaptxl"), transaction_id: row.id, lot_id: m.lot_id, amount: m.amount })
      }
    }
    return row
  }

  /** Counts a priced usage in its month (what graduated tiers are priced by). */
  countUsage(metric: string, quantity: bigint): void {
    this.usageCounts.push({ metric, month: this.now.toISOString().slice(0, 7), quantity })
  }

  /** docs/rules.md §11: disarm (and report) on a downward crossing, re-arm once back at the threshold. */
  evaluateThreshold(): void {
    const t = this.account.warning_threshold
    if (t === null) return
    const available = this.available()
    if (this.account.warning_armed && available < t) {
      this.account.warning_armed = false
      this.thresholdReached = true
    } else if (!this.account.warning_armed && available >= t) {
      this.account.warning_armed = true
    }
  }

  async flush(): Promise<void> {
    await writeBatch(this)
  }
}
