import type { Knex } from "@medusajs/framework/mikro-orm/knex"
import { generateEntityId, MedusaError } from "@medusajs/framework/utils"
import { fromDb, parseAmount, toDecimal, toRaw } from "../utils/amount"
import { clock } from "../utils/clock"
import { hashSecret, newSecret } from "../utils/secrets"
import { findResolvedAccount, retrieveAccount } from "../queries/accounts"
import { lockAccount } from "./db"
import { grantCredits } from "./credits"
import type { AccountRow } from "./rows"
import type {
  CreateIapAccountInput,
  IapAccountDTO,
  IapTransactionDTO,
  ResolveIapAccountInput,
  UpdateIapAccountInput,
} from "../../../types"

/** Account writes: resolution (docs/rules.md §1), creation, settings and tokens (reads: queries/accounts.ts). */

const MAX_EMAILS = 10
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

async function readService(trx: Knex, serviceId: string) {
  const { rows } = await trx.raw(
    `SELECT id, technical_name, status, trial_credits::text AS trial_credits, default_warning_threshold::text AS default_warning_threshold
     FROM iap_service WHERE id = ? AND deleted_at IS NULL`,
    [serviceId]
  )
  if (!rows.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${serviceId} was not found`)
  return rows[0]
}

export function validateChannels(ids: unknown): string[] {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id.trim() === "")) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "sales_channel_ids must be a list of sales channel ids")
  }
  return [...new Set(ids as string[])].sort()
}

export function validateEmails(emails: unknown): string[] {
  if (!Array.isArray(emails) || emails.some((e) => typeof e !== "string" || !EMAIL.test(e))) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "warning_emails must be a list of valid email addresses")
  }
  if (emails.length > MAX_EMAILS) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `warning_emails accepts at most ${MAX_EMAILS} addresses`)
  }
  return [...new Set(emails as string[])]
}

/** Inserts an account unless it would be a second unrestricted one (then returns null). */
async function insertAccount(trx: Knex, data: {
  service_id: string
  customer_id: string | null
  sales_channel_ids: string[]
  overdraft_limit: bigint
  warning_threshold: bigint | null
  warning_emails: string[]
  metadata: Record<string, unknown> | null
}): Promise<{ id: string; token: string } | null> {
  const id = generateEntityId(undefined, "iapacc")
  const token = newSecret("iapt")
  const now = clock.now()
  const { rows } = await trx.raw(
    `INSERT INTO iap_account (id, service_id, customer_id, sales_channel_ids, token_hash, token_hint, overdraft_limit,
       raw_overdraft_limit, warning_threshold, raw_warning_threshold, warning_emails, metadata, created_at, updated_at)
     VALUES (?, ?, ?, ?::text[], ?, ?, ?::numeric, ?::jsonb, ?::numeric, ?::jsonb, ?::text[], ?::jsonb, ?, ?)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      id, data.service_id, data.customer_id, data.sales_channel_ids, token.hash, token.hint,
      toDecimal(data.overdraft_limit), JSON.stringify(toRaw(data.overdraft_limit)),
      data.warning_threshold === null ? null : toDecimal(data.warning_threshold),
      data.warning_threshold === null ? null : JSON.stringify(toRaw(data.warning_threshold)),
      data.warning_emails, data.metadata === null ? null : JSON.stringify(data.metadata), now, now,
    ]
  )
  return rows.length ? { id, token: token.secret } : null
}

/**
 * docs/rules.md §1: the holder's account for a service in a sales channel. A restricted match beats the
 * unrestricted account, the newest restricted first. With none, the unrestricted account is
 * created (race-safe) and the trial credits granted once per service and holder
 * (`trial_lot_id` and `trial_transaction` say when this call granted them).
 *
 * @example
 * const { account, created } = await resolveAccount(trx, { service_id, customer_id: "cus_1", sales_channel_id: "sc_1" })
 */
export async function resolveAccount(trx: Knex, input: ResolveIapAccountInput) {
  const customerId = input.customer_id ?? null
  const find = () => findResolvedAccount(trx, input)
  const existing = await find()
  if (existing) return { account: existing, created: false, trial_lot_id: null as string | null, trial_transaction: null as IapTransactionDTO | null }

  const service = await readService(trx, input.service_id)
  if (service.status !== "active") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `IAP service ${service.technical_name} is archived`)
  }
  const threshold = service.default_warning_threshold === null ? null : fromDb(service.default_warning_threshold)
  const inserted = await insertAccount(trx, {
    service_id: input.service_id, customer_id: customerId, sales_channel_ids: [], overdraft_limit: 0n,
    warning_threshold: threshold, warning_emails: [], metadata: null,
  })
  let trialLotId: string | null = null
  let trialTransaction: IapTransactionDTO | null = null
  if (inserted && fromDb(service.trial_credits) > 0n) {
    const holder = `${input.service_id}:${customerId ?? "store"}`
    const { rows } = await trx.raw(
      `SELECT 1 FROM iap_credit_lot WHERE source_type = 'trial' AND source_id = ? AND deleted_at IS NULL`,
      [holder]
    )
    if (!rows.length) {
      const res = await grantCredits(trx, {
        account_id: inserted.id, amount: toDecimal(fromDb(service.trial_credits)), category: "promotional",
        source_type: "trial", source_id: holder, idempotency_key: "trial", description: "Trial credits",
      })
      trialLotId = res.lot.id
      trialTransaction = res.transaction
    }
  }
  const account = (await find())!
  return { account, created: !!inserted && account.id === inserted.id, trial_lot_id: trialLotId, trial_transaction: trialTransaction }
}

/** Creates an account explicitly (e.g. one restricted to some sales channels). Returns its token once. */
export async function createAccount(trx: Knex, input: CreateIapAccountInput) {
  const service = await readService(trx, input.service_id)
  if (service.status !== "active") {
    throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `IAP service ${service.technical_name} is archived`)
  }
  const threshold =
    input.warning_threshold === undefined
      ? service.default_warning_threshold === null ? null : fromDb(service.default_warning_threshold)
      : input.warning_threshold === null ? null : parseAmount(input.warning_threshold, { field: "warning_threshold", allowZero: true })
  const inserted = await insertAccount(trx, {
    service_id: input.service_id,
    customer_id: input.customer_id ?? null,
    sales_channel_ids: validateChannels(input.sales_channel_ids ?? []),
    overdraft_limit: input.overdraft_limit === undefined ? 0n : parseAmount(input.overdraft_limit, { field: "overdraft_limit", allowZero: true }),
    warning_threshold: threshold,
    warning_emails: validateEmails(input.warning_emails ?? []),
    metadata: input.metadata ?? null,
  })
  if (!inserted) {
    throw new MedusaError(
      MedusaError.Types.CONFLICT,
      `This holder already has an unrestricted account for service ${service.technical_name}`
    )
  }
  return { account: await retrieveAccount(trx, inserted.id), token: inserted.token }
}

/** Changes an account's settings under its lock; the warning re-arms on a new threshold. */
export async function updateAccount(trx: Knex, id: string, input: UpdateIapAccountInput): Promise<IapAccountDTO> {
  const current: AccountRow = await lockAccount(trx, id)
  const sets: string[] = []
  const values: any[] = []
  const set = (sql: string, ...v: unknown[]) => {
    sets.push(sql)
    values.push(...v)
  }
  if (input.sales_channel_ids !== undefined) set("sales_channel_ids = ?::text[]", validateChannels(input.sales_channel_ids))
  if (input.state !== undefined) {
    if (!["active", "suspended", "closed"].includes(input.state)) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "state must be one of active, suspended, closed")
    }
    if (current.state === "closed" && input.state !== "closed") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `IAP account ${id} is closed and cannot be reopened`)
    }
    set("state = ?", input.state)
  }
  if (input.overdraft_limit !== undefined) {
    const v = parseAmount(input.overdraft_limit, { field: "overdraft_limit", allowZero: true })
    set("overdraft_limit = ?::numeric, raw_overdraft_limit = ?::jsonb", toDecimal(v), JSON.stringify(toRaw(v)))
  }
  if (input.warning_threshold !== undefined) {
    const v = input.warning_threshold === null ? null : parseAmount(input.warning_threshold, { field: "warning_threshold", allowZero: true })
    set(
      "warning_threshold = ?::numeric, raw_warning_threshold = ?::jsonb, warning_armed = true",
      v === null ? null : toDecimal(v),
      v === null ? null : JSON.stringify(toRaw(v))
    )
  }
  if (input.warning_emails !== undefined) set("warning_emails = ?::text[]", validateEmails(input.warning_emails))
  if (input.metadata !== undefined) set("metadata = ?::jsonb", input.metadata === null ? null : JSON.stringify(input.metadata))
  if (sets.length) {
    set("updated_at = ?", clock.now())
    try {
      await trx.raw(`SAVEPOINT iap_account_update`)
      await trx.raw(`UPDATE iap_account SET ${sets.join(", ")} WHERE id = ?`, [...values, id])
      await trx.raw(`RELEASE SAVEPOINT iap_account_update`)
    } catch (e: any) {
      await trx.raw(`ROLLBACK TO SAVEPOINT iap_account_update`)
      if (e?.code === "23505") {
        throw new MedusaError(
          MedusaError.Types.CONFLICT,
          `This holder already has an unrestricted account for service ${current.service.technical_name}`
        )
      }
      throw e
    }
  }
  return retrieveAccount(trx, id)
}

/** Replaces the account token; the new one is returned once, only its hash is kept. */
export async function rotateAccountToken(trx: Knex, id: string) {
  await lockAccount(trx, id)
  const token = newSecret("iapt")
  await trx.raw(`UPDATE iap_account SET token_hash = ?, token_hint = ?, updated_at = ? WHERE id = ?`, [
    token.hash, token.hint, clock.now(), id,
  ])
  return { account: await retrieveAccount(trx, id), token: token.secret }
}
