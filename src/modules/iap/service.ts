import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import type { Context } from "@medusajs/framework/types"
import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import * as models from "./models"
import { IapOptions, parseIapOptions } from "./options"
import * as accounts from "./ledger/accounts"
import * as credits from "./ledger/credits"
import * as holds from "./ledger/holds"
import * as sweep from "./ledger/sweep"
import { reverseTransaction } from "./ledger/reverse"
import { clawbackCredits } from "./ledger/clawback"
import * as odooTokens from "./ledger/odoo-tokens"
import * as recharge from "./ledger/recharge"
import * as rateCards from "./ledger/rate-cards"
import * as accountReads from "./queries/accounts"
import * as due from "./queries/due"
import * as lots from "./queries/lots"
import * as odooTokenReads from "./queries/odoo-tokens"
import * as rateCardReads from "./queries/rate-cards"
import * as rechargeReads from "./queries/recharge"
import * as reports from "./queries/reports"
import * as serviceReads from "./queries/services"
import { clock } from "./utils/clock"
import { newServiceKey, serviceCreateData, serviceUpdateData } from "./utils/services"
import type {
  AdjustCreditsInput, AuthorizeCreditsInput, CancelHoldInput, CaptureHoldInput, ClawbackCreditsInput, CreateIapAccountInput,
  CreateIapServiceInput, DebitCreditsInput, GrantCreditsInput, IapPriceDTO, IapProviderAddress, IapUsageInput, ReleasePendingLotInput,
  ResolveIapAccountInput, UpdateIapAccountInput, UpdateIapServiceInput, VoidLotInput,
} from "../../types"
import type { UpsertAutoRechargeData } from "../../types/auto-recharge"
import type { IapAccountListFilters, IapConsumptionFilters, IapExportTransactionRow, IapTransactionListFilters } from "../../types/portal"
import type { IapOdooTokenFilters, LinkOdooTokenInput } from "../../types/odoo"

type Page<Order = never> = { limit: number; offset: number; order?: Order }
type AccountScope = Pick<IapAccountListFilters, "customer_id" | "usable_in_sales_channel_ids">
type ExportBatch = (rows: IapExportTransactionRow[]) => Promise<void>

type InjectedDependencies = {
  /** The module's entity manager: its knex is the connection pool the ledger's SQL runs on. */
  manager: SqlEntityManager
}

/**
 * The IAP module. Writes: ledger/ (each in one DB transaction with the account row locked,
 * ledger/mutate.ts); reads: queries/; services and packs through the generated CRUD.
 */
class IapModuleService extends MedusaService(models) {
  protected readonly options_: IapOptions
  protected readonly manager_: SqlEntityManager
  /** Rate cards cached per service for pricing usages (dropped on change, checked by revision). */
  protected readonly rates_ = new rateCardReads.RateCards()

  constructor({ manager }: InjectedDependencies, options?: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.manager_ = manager
    this.options_ = parseIapOptions(options)
  }

  getOptions(): IapOptions {
    return this.options_
  }

  protected trx(ctx: Context): Knex {
    const trx = (ctx.transactionManager as any)?.getTransactionContext?.()
    if (!trx) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "IAP ledger writes need a database transaction")
    return trx
  }

  /** The transaction after the ORM flushed the generated CRUD's writes, for SQL reads to see them. */
  protected async flushed(ctx: Context): Promise<Knex> {
    await (ctx.transactionManager as SqlEntityManager).flush()
    return this.trx(ctx)
  }

  protected knex(ctx: Context): Knex {
    const manager = (ctx.transactionManager ?? ctx.manager) as any
    return manager.getTransactionContext?.() ?? manager.getKnex()
  }

  /**
   * A ledger write in the caller's transaction when it passes one, else in a plain knex
   * transaction: the ledger writes SQL only, so the ORM's entity-manager fork and flush are pure
   * cost on the hot path (bench/scenarios/hot-account.js).
   */
  protected async ledger<T>(ctx: Context, fn: (trx: Knex) => Promise<T>): Promise<T> {
    if (ctx.transactionManager) return fn(this.trx(ctx))
    return this.pool().transaction((trx: Knex) => fn(trx))
  }

  /** The module's knex (its connection pool), outside any transaction. */
  protected pool(): Knex {
    return this.manager_.getKnex()
  }

  // Services: the generated CRUD writes them; a third-party service's key is shown once.

  @InjectTransactionManager()
  async createService(input: CreateIapServiceInput, @MedusaContext() ctx: Context = {}) {
    const { data, key } = serviceCreateData(input)
    const taken = () => new MedusaError(MedusaError.Types.CONFLICT, `An IAP service named ${data.technical_name} already exists`)
    if ((await this.listIapServices({ technical_name: data.technical_name }, { select: ["id"] }, ctx)).length) throw taken()
    const [created] = await this.createIapServices([data as any], ctx)
    // A concurrent create of the same name loses on the unique index: the same 409.
    const trx = await this.flushed(ctx).catch((e) => Promise.reject(e?.code === "23505" ? taken() : e))
    return { service: await serviceReads.retrieveService(trx, created.id), key }
  }

  @InjectTransactionManager()
  async updateService(id: string, input: UpdateIapServiceInput, @MedusaContext() ctx: Context = {}) {
    await serviceReads.retrieveService(this.trx(ctx), id)
    const data = serviceUpdateData(input)
    if (Object.keys(data).length) await this.updateIapServices([{ id, ...data } as any], ctx)
    return serviceReads.retrieveService(await this.flushed(ctx), id)
  }

  /** Issues a new key for a third-party service; the old one stops working at once. */
  @InjectTransactionManager()
  async rotateServiceKey(id: string, @MedusaContext() ctx: Context = {}) {
    const service = await serviceReads.retrieveService(this.trx(ctx), id)
    if (service.provider_type !== "third_party") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `IAP service ${service.technical_name} is first-party: it has no key`)
    }
    const key = newServiceKey()
    await this.updateIapServices([{ id, ...key.data }], ctx)
    return { service: await serviceReads.retrieveService(await this.flushed(ctx), id), key: key.secret }
  }

  @InjectManager()
  async retrieveServiceByName(technicalName: string, @MedusaContext() ctx: Context = {}) {
    return serviceReads.retrieveServiceByName(this.knex(ctx), technicalName)
  }

  /**
   * A provider request's key and (optional) account token, looked up in one query on the
   * pool: the provider hot path skips the ORM's entity-manager fork (`@InjectManager`).
   * `service` is null for an unknown or revoked key.
   */
  async authenticateProvider(key: string, accountToken: string | null) {
    return serviceReads.authenticateProvider(this.pool(), key, accountToken)
  }

  // Accounts

  @InjectTransactionManager()
  async resolveAccount(input: ResolveIapAccountInput, @MedusaContext() ctx: Context = {}) {
    return accounts.resolveAccount(this.trx(ctx), input)
  }

  /** The account `resolveAccount` would pick, without creating one (null if it would create). */
  @InjectManager()
  async findResolvedAccount(input: ResolveIapAccountInput, @MedusaContext() ctx: Context = {}) {
    return accountReads.findResolvedAccount(this.knex(ctx), input)
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
    return accountReads.retrieveAccount(this.knex(ctx), id)
  }

  @InjectManager()
  async listAccountsByIds(ids: string[], @MedusaContext() ctx: Context = {}) {
    return accountReads.listAccountsByIds(this.knex(ctx), ids)
  }

  @InjectManager()
  async findAccountByToken(token: string, @MedusaContext() ctx: Context = {}) {
    return accountReads.findAccountByToken(this.knex(ctx), token)
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
  async listOdooTokens(filters: IapOdooTokenFilters, page: Page, @MedusaContext() ctx: Context = {}) {
    return odooTokenReads.listOdooTokens(this.knex(ctx), filters, page)
  }

  /** The account an Odoo call's token names (a linked Odoo token, else our own account token), or null. */
  @InjectManager()
  async findAccountByOdooToken(token: string, dbuuid: string | null, @MedusaContext() ctx: Context = {}) {
    return odooTokenReads.findAccountByOdooToken(this.knex(ctx), token, dbuuid)
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
    const done = ctx.transactionManager ? null : await credits.debitOnPool(this.pool(), input, this.rates_)
    return done ?? this.ledger(ctx, (trx) => credits.debitCredits(trx, input, this.rates_))
  }

  /**
   * A provider API charge, authorization or capture naming its account by token (`address`):
   * ONE statement, which also checks the call may address the account. Null, having written
   * nothing, for anything else: the route then looks the account up and calls the general method.
   */
  async debitAddressed(input: DebitCreditsInput, address: IapProviderAddress) {
    return credits.debitOnPool(this.pool(), input, this.rates_, address)
  }

  async authorizeAddressed(input: AuthorizeCreditsInput, address: IapProviderAddress) {
    return holds.authorizeInOneStatement(this.pool(), input, this.options_.holdTtlSeconds, address)
  }

  async captureAddressed(input: CaptureHoldInput & { account_id: string }, address: IapProviderAddress) {
    return holds.captureInOneStatement(this.pool(), input, address)
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
  async listPortalAccounts(filters: IapAccountListFilters, page: Page<string>, @MedusaContext() ctx: Context = {}) {
    return reports.listAccountsPage(this.knex(ctx), filters, page)
  }

  @InjectManager()
  async retrievePortalAccount(id: string, scope: AccountScope = {}, @MedusaContext() ctx: Context = {}) {
    return reports.retrieveAccountDetail(this.knex(ctx), id, scope)
  }

  @InjectManager()
  async listPortalTransactions(filters: IapTransactionListFilters, page: Page<"seq" | "-seq">, @MedusaContext() ctx: Context = {}) {
    return reports.listTransactionsPage(this.knex(ctx), filters, page)
  }

  /** Streams matching ledger rows in write order, `batchSize` at a time (CSV export). */
  async exportTransactions(filters: IapTransactionListFilters, batchSize: number, onBatch: ExportBatch) {
    return reports.exportTransactions(this.pool(), filters, batchSize, onBatch)
  }

  @InjectManager()
  async consumptionSeries(filters: IapConsumptionFilters, @MedusaContext() ctx: Context = {}) {
    return reports.consumptionSeries(this.knex(ctx), filters)
  }

  /** The lots an order's packs created (ids from the order ↔ lot link), with their clawbacks. */
  @InjectManager()
  async listOrderCreditLots(orderId: string, lotIds: string[], @MedusaContext() ctx: Context = {}) {
    return lots.listOrderCreditLots(this.knex(ctx), orderId, lotIds)
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
    return rechargeReads.retrieveAutoRecharge(this.knex(ctx), accountId)
  }

  /** Settings and available credits in one read: what the trigger looks at after every debit. */
  async autoRechargeState(accountId: string) {
    return rechargeReads.autoRechargeState(this.pool(), accountId)
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
    return rechargeReads.retrieveRecharge(this.pool(), id)
  }

  async listAccountRecharges(accountId: string, limit = 20) {
    return rechargeReads.listRecharges(this.pool(), accountId, limit)
  }

  async listDueRechargeRetries(limit = 100) {
    return rechargeReads.listDueRetries(this.pool(), clock.now(), limit)
  }

  async listStaleRecharges(limit = 100) {
    return rechargeReads.listStaleRecharges(this.pool(), clock.now(), limit)
  }

  // Rate cards (docs/rate-cards.md)

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
    this.rates_.invalidate(await this.pool().transaction((trx: Knex) => rateCards.updateRateVersion(trx, id, input)))
    return this.retrieveRateVersion(id)
  }

  async deleteRateVersion(id: string) {
    this.rates_.invalidate(await this.pool().transaction((trx: Knex) => rateCards.deleteRateVersion(trx, id)))
  }

  async listRateVersions(serviceId: string) {
    return rateCardReads.listRateVersions(this.pool(), serviceId)
  }

  /** A version with its rates; with `serviceId`, another service's version is not found. */
  async retrieveRateVersion(id: string, serviceId?: string) {
    return rateCardReads.retrieveRateVersion(this.pool(), id, serviceId)
  }

  /** The version in effect now with its rates, or null (no rate card). */
  async retrieveCurrentRates(serviceId: string) {
    return rateCardReads.retrieveCurrentRates(this.pool(), serviceId)
  }

  // Expiry sweeps (the jobs call these; each unit is its own transaction)

  @InjectManager()
  async listAccountsWithDueLots(limit = 500, @MedusaContext() ctx: Context = {}) {
    return due.listAccountsWithDueLots(this.knex(ctx), clock.now(), limit)
  }

  @InjectTransactionManager()
  async expireAccountLots(accountId: string, @MedusaContext() ctx: Context = {}) {
    return sweep.expireAccountLots(this.trx(ctx), accountId)
  }

  /** Expires every due hold (the minute job) and returns the expired holds; see ledger/sweep.ts. */
  async expireDueHolds() {
    return sweep.expireDueHolds(this.pool())
  }

  /** Expires every due lot (the hourly job); one result per account that had some. */
  async expireDueLots() {
    return sweep.expireDueLots(this.pool())
  }
}

export default IapModuleService
