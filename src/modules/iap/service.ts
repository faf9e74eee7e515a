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
import * as odooTokens from "./ledger/odoo-tokens"
import * as recharge from "./ledger/recharge"
import * as rateCards from "./ledger/rate-cards"
import { parseUsage } from "./utils/pricing"
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
import type { UpsertAutoRechargeData } from "../../types/auto-recharge"
import type {
  IapAccountListFilters,
  IapConsumptionFilters,
  IapExportTransactionRow,
  IapTransactionListFilters,
} from "../../types/portal"
import type { IapOdooTokenFilters, LinkOdooTokenInput } from "../../types/odoo"
import type { IapPriceDTO, IapUsageInput } from "../../types"

/**
 * The IAP module. Every mutation runs in one DB transaction with the account row locked
 * (see ledger/mutate.ts); the generated CRUD methods of `MedusaService` are for reads.
 */
class IapModuleService extends MedusaService(models) {
  protected readonly options_: IapOptions
  /** Rate cards cached per service for pricing usages (dropped on change, checked by revision). */
  protected readonly rates_ = new rateCards.RateCards()

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

  // Odoo-made account tokens (the Odoo IAP protocol, `/iap/1/...`)

  /** Links an Odoo database's token to an account (under the account's lock); only its hash is kept. */
  async linkOdooToken(input: LinkOdooTokenInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => odooTokens.linkOdooToken(trx, input))
  }

  async revokeOdooToken(id: string, scope: { customer_id?: string } = {}, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => odooTokens.revokeOdooToken(trx, id, scope))
  }

  @InjectManager()
  async listOdooTokens(filters: IapOdooTokenFilters, page: { limit: number; offset: number }, @MedusaContext() ctx: Context = {}) {
    return odooTokens.listOdooTokens(this.knex(ctx), filters, page)
  }

  /** The account an Odoo call's token names (a linked Odoo token, else our own account token), or null. */
  @InjectManager()
  async findAccountByOdooToken(token: string, dbuuid: string | null, @MedusaContext() ctx: Context = {}) {
    return odooTokens.findAccountByOdooToken(this.knex(ctx), token, dbuuid)
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
      const usage = input.usage != null && input.amount == null ? input.usage : null
      const at = clock.now()
      // Any pricing problem (no rate, bad usage) is answered by the general path, after a replay check.
      const price = usage ? await this.priceForOneStatement(input.account_id, usage, at) : null
      if (!usage || price) {
        const done = await credits.debitInOneStatement(this.pool(), input, price ? { at, price } : null)
        if (done) return done
        if (price) this.rates_.invalidate(price.service_id)
      }
    }
    return this.ledger(ctx, (trx) => credits.debitCredits(trx, input, this.rates_))
  }

  private async priceForOneStatement(accountId: string, usage: IapUsageInput, at: Date) {
    try {
      return await this.rates_.priceForOneStatement(this.pool(), accountId, parseUsage(usage), at)
    } catch {
      return null
    }
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

  /** Without a caller's transaction, first the one-statement path (as `debitCredits`); what it leaves runs the general way. */
  async authorizeCredits(input: AuthorizeCreditsInput, @MedusaContext() ctx: Context = {}) {
    if (!ctx.transactionManager && input.usage == null) {
      const done = await holds.authorizeInOneStatement(this.pool(), input, this.options_.holdTtlSeconds)
      if (done) return done
    }
    return this.ledger(ctx, (trx) => holds.authorizeCredits(trx, input, this.options_.holdTtlSeconds, this.rates_))
  }

  /**
   * `account_id`, when given, is the account the caller addresses (the provider API): another
   * account's hold answers 404 like a missing one. One statement first, as `authorizeCredits`.
   */
  async captureHold(input: CaptureHoldInput & { account_id?: string | null }, @MedusaContext() ctx: Context = {}) {
    if (!ctx.transactionManager && input.usage == null) {
      const done = await holds.captureInOneStatement(this.pool(), input)
      if (done) return done
    }
    return this.ledger(ctx, (trx) => holds.captureHold(trx, input, this.rates_))
  }

  async cancelHold(input: CancelHoldInput, @MedusaContext() ctx: Context = {}) {
    return this.ledger(ctx, (trx) => holds.cancelHold(trx, input))
  }

  // Auto-recharge (settings and attempts; the order itself is made by the workflows)

  @InjectManager()
  async retrieveAutoRecharge(accountId: string, @MedusaContext() ctx: Context = {}) {
    return recharge.retrieveAutoRecharge(this.knex(ctx), accountId)
  }

  /** Settings and available credits in one read: what the trigger looks at after every debit. */
  async autoRechargeState(accountId: string) {
    return recharge.autoRechargeState(this.pool(), accountId)
  }

  @InjectTransactionManager()
  async upsertAutoRecharge(accountId: string, data: UpsertAutoRechargeData, @MedusaContext() ctx: Context = {}) {
    return recharge.upsertAutoRecharge(this.trx(ctx), accountId, data)
  }

  @InjectTransactionManager()
  async deleteAutoRecharge(accountId: string, @MedusaContext() ctx: Context = {}) {
    return recharge.deleteAutoRecharge(this.trx(ctx), accountId)
  }

  async rearmAutoRecharge(accountId: string) {
    return recharge.rearmAutoRecharge(this.pool(), accountId)
  }

  async disableAutoRecharge(accountId: string, reason: string) {
    return recharge.disableAutoRecharge(this.pool(), accountId, reason)
  }

  /** Starts a recharge (or records a capped one) if the trigger fires; null otherwise. */
  async startRecharge(input: { account_id: string; price: bigint | null; retry_of?: { id: string; attempt: number } | null }) {
    return this.pool().transaction((trx: Knex) => recharge.startRecharge(trx, { ...input, now: clock.now() }))
  }

  async claimRecharge(id: string, leaseMs: number) {
    const now = clock.now()
    return recharge.claimRecharge(this.pool(), id, now, new Date(now.getTime() + leaseMs))
  }

  async updateRecharge(id: string, data: recharge.RechargeUpdate) {
    return recharge.updateRecharge(this.pool(), id, data, clock.now())
  }

  async retrieveRecharge(id: string) {
    return recharge.retrieveRecharge(this.pool(), id)
  }

  async listAccountRecharges(accountId: string, limit = 20) {
    return recharge.listRecharges(this.pool(), accountId, limit)
  }

  async listDueRechargeRetries(limit = 100) {
    return recharge.listDueRetries(this.pool(), clock.now(), limit)
  }

  async listStaleRecharges(limit = 100) {
    return recharge.listStaleRecharges(this.pool(), clock.now(), limit)
  }

  // Rate cards (rule 15)

  /**
   * What `usage` costs on `service_id` at `at` (default now) for `account_id` (its month's
   * quantity prices tiers; without an account, none used yet): exactly what a charge would
   * debit now. No rate → 400 `rate_not_found`.
   */
  async price(input: { service_id: string; usage: IapUsageInput; at?: Date; account_id?: string | null }): Promise<IapPriceDTO> {
    return this.rates_.estimate(this.pool(), { ...input, at: input.at ?? clock.now() })
  }

  async createRateVersion(serviceId: string, input: rateCards.RateVersionInput) {
    const id = await this.pool().transaction((trx: Knex) => rateCards.createRateVersion(trx, serviceId, input))
    this.rates_.invalidate(serviceId)
    return this.retrieveRateVersion(id)
  }

  async updateRateVersion(id: string, input: Partial<rateCards.RateVersionInput>) {
    const serviceId = await this.pool().transaction(async (trx: Knex) => {
      await rateCards.updateRateVersion(trx, id, input)
      return (await rateCards.retrieveRateVersion(trx, id)).service_id
    })
    this.rates_.invalidate(serviceId)
    return this.retrieveRateVersion(id)
  }

  async deleteRateVersion(id: string) {
    const version = await this.retrieveRateVersion(id)
    await this.pool().transaction((trx: Knex) => rateCards.deleteRateVersion(trx, id))
    this.rates_.invalidate(version.service_id)
  }

  async listRateVersions(serviceId: string) {
    return rateCards.listRateVersions(this.pool(), serviceId)
  }

  /** A version with its rates; with `serviceId`, another service's version is not found. */
  async retrieveRateVersion(id: string, serviceId?: string) {
    return rateCards.retrieveRateVersion(this.pool(), id, serviceId)
  }

  /** The version in effect now with its rates, or null (no rate card). */
  async retrieveCurrentRates(serviceId: string) {
    return rateCards.retrieveCurrentRates(this.pool(), serviceId)
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
