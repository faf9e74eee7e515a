import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import * as models from "./models"
import { IapOptions, parseIapOptions } from "./options"
import * as accounts from "./ledger/accounts"
import * as credits from "./ledger/credits"
import * as holds from "./ledger/holds"
import * as sweep from "./ledger/sweep"
import * as services from "./ledger/services"
import { reverseTransaction } from "./ledger/reverse"
import { clawbackCredits } from "./ledger/clawback"
import * as reports from "./ledger/reports"
import { clock } from "./utils/clock"
import type {
  AdjustCreditsInput,
  AuthorizeCreditsInput,
  ClawbackCreditsInput,
  CancelHoldInput,
  CaptureHoldInput,
  CreateIapAccountInput,
  CreateIapServiceInput,
  DebitCreditsInput,
  GrantCreditsInput,
  ReleasePendingLotInput,
  ResolveIapAccountInput,
  UpdateIapAccountInput,
  UpdateIapServiceInput,
  VoidLotInput,
} from "../../types"
import type {
  IapAccountListFilters,
  IapConsumptionFilters,
  IapExportTransactionRow,
  IapTransactionListFilters,
} from "../../types/portal"

/**
 * The IAP module. Every mutation runs in one DB transaction with the account row locked
 * (see ledger/mutate.ts); the generated CRUD methods of `MedusaService` are for reads.
 */
class IapModuleService extends MedusaService(models) {
  protected readonly options_: IapOptions

  constructor(container: Record<string, unknown>, options?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseIapOptions(options)
  }

  getOptions(): IapOptions {
    return this.options_
  }

  protected trx(ctx: Context): Knex {
    const manager = ctx.transactionManager as any
    const trx = manager?.getTransactionContext?.()
    if (!trx) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "IAP ledger writes need a database transaction")
    }
    return trx
  }

  protected knex(ctx: Context): Knex {
    const manager = (ctx.transactionManager ?? ctx.manager) as any
    return manager.getTransactionContext?.() ?? manager.getKnex()
  }

  /**
   * Runs a ledger write in the caller's transaction when it passes one, else in a plain knex
   * transaction: the ledger writes SQL only, so the ORM's entity-manager fork and unit-of-work
   * flush of `@InjectTransactionManager` are pure cost on the hot path (measured in bench).
   */
  protected async ledger<T>(ctx: Context, fn: (trx: Knex) => Promise<T>): Promise<T> {
    if (ctx.transactionManager) return fn(this.trx(ctx))
    return this.pool().transaction((trx: Knex) => fn(trx))
  }

  /** The module's knex (its connection pool), outside any transaction. */
  protected pool(): Knex {
    return (this as any).__container__.manager.getKnex()
  }

  // Services

  @InjectTransactionManager()
  async createService(data: CreateIapServiceInput, @MedusaContext() ctx: Context = {}) {
    return services.createService(this.trx(ctx), data)
  }

  @InjectTransactionManager()
  async updateService(id: string, data: UpdateIapServiceInput, @MedusaContext() ctx: Context = {}) {
    return services.updateService(this.trx(ctx), id, data)
  }

  @InjectTransactionManager()
  async rotateServiceKey(id: string, @MedusaContext() ctx: Context = {}) {
    return services.rotateServiceKey(this.trx(ctx), id)
  }

  @InjectManager()
  async retrieveServiceByName(technicalName: string, @MedusaContext() ctx: Context = {}) {
    return services.retrieveServiceByName(this.knex(ctx), technicalName)
  }

  /**
   * A provider request's key and (optional) account token, looked up in one query on the
   * pool: the provider hot path skips the ORM's entity-manager fork (`@InjectManager`).
   */
  async authenticateProvider(key: string, accountToken: string | null) {
    return services.authenticateProvider(this.pool(), key, accountToken)
  }

  /** The service a provider key belongs to, or null (hashed lookup, constant-time compare). */
  async authenticateServiceKey(key: string) {
    return (await this.authenticateProvider(key, null)).service
  }

  // Accounts

  @InjectTransactionManager()
  async resolveAccount(input: ResolveIapAccountInput, @MedusaContext() ctx: Context = {}) {
    return accounts.resolveAccount(this.trx(ctx), input)
  }

  /** The account `resolveAccount` would pick, without creating one (null if it would create). */
  @InjectManager()
  async findResolvedAccount(input: ResolveIapAccountInput, @MedusaContext() ctx: Context = {}) {
    return accounts.findResolvedAccount(this.knex(ctx), input)
  }

  @InjectTransactionManager()
  async createAccount(input: CreateIapAccountInput, @MedusaContext() ctx: Context = {}) {
    return accounts.createAccount(this.trx(ctx), input)
  }

  @InjectTransactionManager()
  async updateAccount(id: string, input: UpdateIapAccountInput, @MedusaContext() ctx: Context = {}) {
    return accounts.updateAccount(this.trx(ctx), id, input)
  }

  @InjectTransactionManager()
  async rotateAccountToken(id: string, @MedusaContext() ctx: Context = {}) {
    return accounts.rotateAccountToken(this.trx(ctx), id)
  }

  /** Balances in O(1): the account row, never a sum over the ledger. */
  @InjectManager()
  async retrieveAccount(id: string, @MedusaContext() ctx: Context = {}) {
    return accounts.retrieveAccount(this.knex(ctx), id)
  }

  @InjectManager()
  async listAccountsByIds(ids: string[], @MedusaContext() ctx: Context = {}) {
    return accounts.listAccountsByIds(this.knex(ctx), ids)
  }

  @InjectManager()
  async findAccountByToken(token: string, @MedusaContext() ctx: Context = {}) {
    return accounts.findAccountByToken(this.knex(ctx), token)
  }

  // Credits

  async grantCredits(input: GrantCreditsInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => credits.grantCredits(trx, input))
  }

  async releasePendingLot(input: ReleasePendingLotInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => credits.releasePendingLot(trx, input))
  }

  /**
   * Without a caller's transaction, a debit first tries the one-statement path (the account
   * lock never waits on this process); whatever that path leaves runs the general way.
   */
  async debitCredits(input: DebitCreditsInput, @MedusaContext() ctx: Context = {}) {
    if (!ctx.transactionManager) {
      const done = await credits.debitInOneStatement(this.pool(), input)
      if (done) return done
    }
    return this.ledger(ctx, (trx) => credits.debitCredits(trx, input))
  }

  async adjustCredits(input: AdjustCreditsInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => credits.adjustCredits(trx, input))
  }

  async voidLot(input: VoidLotInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => credits.voidLot(trx, input))
  }

  /**
   * A refund or return takes credits back from the lot an order line bought (policy: the call's,
   * else the `refundPolicy` option). Idempotent by key; see ledger/clawback.ts.
   */
  async clawbackCredits(input: ClawbackCreditsInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => clawbackCredits(trx, input, this.options_.refundPolicy))
  }

  /** Writes a `reversal` row undoing a ledger row (workflow compensation). Reverses once. */
  @InjectTransactionManager()
  async reverseTransaction(input: { transaction_id: string; description?: string | null }, @MedusaContext() ctx: Context = {}) {
    return reverseTransaction(this.trx(ctx), input)
  }

  // Portal reads (admin and store): one statement per page, never a sum over the ledger per row

  @InjectManager()
  async listPortalAccounts(
    filters: IapAccountListFilters,
    page: { limit: number; offset: number; order?: string },
    @MedusaContext() ctx: Context = {}
  ) {
    return reports.listAccountsPage(this.knex(ctx), filters, page)
  }

  @InjectManager()
  async retrievePortalAccount(
    id: string,
    scope: Pick<IapAccountListFilters, "customer_id" | "usable_in_sales_channel_ids"> = {},
    @MedusaContext() ctx: Context = {}
  ) {
    return reports.retrieveAccountDetail(this.knex(ctx), id, scope)
  }

  @InjectManager()
  async listPortalTransactions(
    filters: IapTransactionListFilters,
    page: { limit: number; offset: number; order?: "seq" | "-seq" },
    @MedusaContext() ctx: Context = {}
  ) {
    return reports.listTransactionsPage(this.knex(ctx), filters, page)
  }

  /** Streams matching ledger rows in write order, `batchSize` at a time (CSV export). */
  @InjectManager()
  async exportTransactions(
    filters: IapTransactionListFilters,
    batchSize: number,
    onBatch: (rows: IapExportTransactionRow[]) => Promise<void>,
    @MedusaContext() ctx: Context = {}
  ) {
    const manager = ctx.manager as any
    return reports.exportTransactions(manager.getKnex(), filters, batchSize, onBatch)
  }

  @InjectManager()
  async consumptionSeries(filters: IapConsumptionFilters, @MedusaContext() ctx: Context = {}) {
    return reports.consumptionSeries(this.knex(ctx), filters)
  }

  // Holds

  async authorizeCredits(input: AuthorizeCreditsInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => holds.authorizeCredits(trx, input, this.options_.holdTtlSeconds))
  }

  async captureHold(input: CaptureHoldInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => holds.captureHold(trx, input))
  }

  async cancelHold(input: CancelHoldInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => holds.cancelHold(trx, input))
  }

  // Expiry sweeps (the jobs call these; each unit is its own transaction)

  @InjectManager()
  async listDueHoldIds(limit = 500, @MedusaContext() ctx: Context = {}) {
    return sweep.listDueHoldIds(this.knex(ctx), clock.now(), limit)
  }

  @InjectTransactionManager()
  async expireHold(holdId: string, @MedusaContext() ctx: Context = {}) {
    return holds.expireHold(this.trx(ctx), holdId)
  }

  @InjectManager()
  async listAccountsWithDueLots(limit = 500, @MedusaContext() ctx: Context = {}) {
    return sweep.listAccountsWithDueLots(this.knex(ctx), clock.now(), limit)
  }

  @InjectTransactionManager()
  async expireAccountLots(accountId: string, @MedusaContext() ctx: Context = {}) {
    return sweep.expireAccountLots(this.trx(ctx), accountId)
  }

  /**
   * Expires every due hold (the minute job) and returns the expired holds. Safe to run from
   * several workers at once: each hold is re-checked under its account's lock.
   */
  async expireDueHolds() {
    const expired: Awaited<ReturnType<IapModuleService["expireHold"]>>[] = []
    for (let ids = await this.listDueHoldIds(); ids.length; ids = await this.listDueHoldIds()) {
      const before = expired.length
      for (const id of ids) {
        const res = await this.expireHold(id)
        if (res.expired) expired.push(res)
      }
      if (expired.length === before) break
    }
    return expired
  }

  /** Expires every due lot (the hourly job); one result per account that had some. */
  async expireDueLots() {
    const results: Awaited<ReturnType<IapModuleService["expireAccountLots"]>>[] = []
    for (let ids = await this.listAccountsWithDueLots(); ids.length; ids = await this.listAccountsWithDueLots()) {
      let progressed = false
      for (const id of ids) {
        const res = await this.expireAccountLots(id)
        if (res.expired_lot_ids.length) {
          results.push(res)
          progressed = true
        }
      }
      if (!progressed) break
    }
    return results
  }
}

export default IapModuleService
