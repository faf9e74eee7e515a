// Reads of the IAP ledger for the correctness checks (rule 4): balance = ledger sum = Σ lot remaining − debt.

/** The account's balance, ledger sum, Σ lot remaining and transaction counts, as exact decimal strings. */
async function ledgerState(db, accountId) {
  const { rows } = await db.query(
    `SELECT trim_scale(a.balance)::text AS balance, trim_scale(a.debt)::text AS debt, trim_scale(a.reserved)::text AS reserved,
       (a.raw_balance->>'value') AS raw_balance,
       (SELECT trim_scale(coalesce(sum(amount), 0))::text FROM iap_transaction WHERE account_id = a.id) AS ledger_sum,
       (SELECT trim_scale(coalesce(sum(remaining), 0))::text FROM iap_credit_lot WHERE account_id = a.id AND status <> 'pending') AS lot_remaining,
       (SELECT count(*)::int FROM iap_transaction WHERE account_id = a.id) AS transactions,
       (SELECT count(*)::int FROM iap_transaction WHERE account_id = a.id AND type = 'debit') AS debits,
       (SELECT count(*)::int FROM iap_operation WHERE account_id = a.id) AS operations,
       (SELECT count(*)::int FROM iap_credit_lot WHERE account_id = a.id AND remaining < 0) AS negative_lots
     FROM iap_account a WHERE a.id = $1`,
    [accountId]
  )
  if (!rows.length) throw new Error(`account ${accountId} not found`)
  return rows[0]
}

/**
 * Adds rule 4's checks for one account to `checks`: balance = ledger sum = Σ lot remaining − debt,
 * raw_balance in step, no negative lot, and the expected balance and debit count.
 */
async function checkLedger(checks, db, accountId, { balance, debits, label = "" }) {
  const s = await ledgerState(db, accountId)
  const p = label ? `${label}: ` : ""
  checks.equal(`${p}balance = expected`, s.balance, String(balance))
  checks.equal(`${p}ledger sum = balance`, s.ledger_sum, s.balance)
  checks.equal(`${p}Σ lot remaining − debt = balance`, String(BigInt(s.lot_remaining) - BigInt(s.debt)), s.balance)
  checks.equal(`${p}raw_balance = balance`, s.raw_balance, s.balance)
  checks.equal(`${p}debit rows = successful debits`, s.debits, debits)
  checks.equal(`${p}reserved = 0`, s.reserved, "0")
  checks.equal(`${p}no negative lot`, s.negative_lots, 0)
  return s
}

module.exports = { ledgerState, checkLedger }
