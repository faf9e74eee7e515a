"use client"
import React, { useState } from "react"
import type { IapStoreClient } from "../client"
import type { StoreIapTransaction } from "../../types/http/store"
import { cx, formatCredits, toCsv } from "../format"
import { toError, useIapQuery } from "../hooks"
import { Empty, ErrorNotice, Loading } from "./states"

const TYPES = ["purchase", "grant", "debit", "capture", "expiry", "void", "adjustment", "reversal"] as const
const CSV_PAGE = 100

export type CreditHistoryProps = {
  client: IapStoreClient
  accountId: string
  unitName?: string
  pageSize?: number
  className?: string
}

/**
 * One account's ledger, newest first: a type filter, pages, and the whole filtered history
 * as a CSV download.
 *
 * @example
 * <CreditHistory client={iap} accountId={account.id} unitName="SMS" />
 */
export function CreditHistory({ client, accountId, unitName, pageSize = 20, className }: CreditHistoryProps) {
  const [type, setType] = useState("")
  const [offset, setOffset] = useState(0)
  const [csvError, setCsvError] = useState<Error | null>(null)
  const query = { limit: pageSize, offset, order: "-seq" as const, ...(type ? { type: [type] } : {}) }
  const { data, error, loading, reload } = useIapQuery(() => client.listTransactions(accountId, query), `${accountId}:${type}:${offset}:${pageSize}`)

  const download = async () => {
    setCsvError(null)
    try {
      const rows: StoreIapTransaction[] = []
      for (let page = 0; ; page++) {
        const res = await client.listTransactions(accountId, { ...query, limit: CSV_PAGE, offset: page * CSV_PAGE })
        rows.push(...res.transactions)
        if (rows.length >= res.count || !res.transactions.length) break
      }
      const csv = toCsv([
        ["date", "type", "amount", "balance_after", "description", "reference_type", "reference_id"],
        ...rows.map((t) => [t.created_at, t.type, t.amount, t.balance_after, t.description, t.reference_type, t.reference_id]),
      ])
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }))
      const a = document.createElement("a")
      a.href = url
      a.download = `credits-${accountId}.csv`
      a.click()
      URL.revokeObjectURL(url)
    } catch (e) {
      setCsvError(toError(e))
    }
  }

  return (
    <section className={cx("flex flex-col gap-y-3", className)} aria-label="Credit history">
      <div className="flex items-center gap-x-3">
        <label className="txt-compact-small flex items-center gap-x-2">
          Type
          <select value={type} onChange={(e) => { setType(e.target.value); setOffset(0) }} className="border border-ui-border-base rounded-rounded px-2 py-1">
            <option value="">All</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={download} className="txt-compact-small underline ml-auto">
          Download CSV
        </button>
      </div>
      {csvError && <ErrorNotice error={csvError} />}
      {loading && !data ? (
        <Loading label="Loading history…" />
      ) : error ? (
        <ErrorNotice error={error} onRetry={reload} />
      ) : !data?.transactions.length ? (
        <Empty>No transactions{type ? ` of type ${type}` : ""}.</Empty>
      ) : (
        <>
          <table className="w-full txt-compact-small">
            <caption className="sr-only">Transactions</caption>
            <thead>
              <tr className="text-left text-ui-fg-subtle">
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col">Description</th>
                <th scope="col" className="text-right">Credits</th>
                <th scope="col" className="text-right">Balance</th>
              </tr>
            </thead>
            <tbody>
              {data.transactions.map((t) => (
                <tr key={t.id} className="border-t border-ui-border-base">
                  <td>{new Date(t.created_at).toLocaleString()}</td>
                  <td>{t.type}</td>
                  <td className="truncate max-w-[16rem]" title={t.description ?? undefined}>{t.description ?? "—"}</td>
                  <td className={cx("text-right", t.amount < 0 ? "text-ui-fg-error" : "text-ui-fg-interactive")}>
                    {t.amount > 0 ? "+" : ""}{formatCredits(t.amount, unitName)}
                  </td>
                  <td className="text-right">{formatCredits(t.balance_after, unitName)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="flex items-center justify-between txt-compact-small" aria-label="Pages">
            <span>{offset + 1}–{offset + data.transactions.length} of {data.count}</span>
            <span className="flex gap-x-2">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - pageSize))}>Previous</button>
              <button type="button" disabled={offset + pageSize >= data.count} onClick={() => setOffset(offset + pageSize)}>Next</button>
            </span>
          </nav>
        </>
      )}
    </section>
  )
}
