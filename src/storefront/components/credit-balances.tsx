"use client"
import React from "react"
import type { IapStoreClient } from "../client"
import { cx, formatCredits } from "../format"
import { useIapQuery } from "../hooks"
import { Empty, ErrorNotice, Loading } from "./states"

export type CreditBalancesProps = {
  client: IapStoreClient
  /** Lots expiring within this many days count as "expiring soon" (default 30). */
  expiringWithinDays?: number
  /** Called with an account id when its row is chosen (e.g. to show its history). */
  onSelect?: (accountId: string) => void
  className?: string
  /** The moment "soon" is measured from (tests; defaults to now). */
  now?: Date
}

/**
 * The signed-in customer's credits per service: available, reserved, pending, and what
 * expires soon, with a link to buy more.
 *
 * @example
 * <CreditBalances client={createIapStoreClient(sdk)} onSelect={setAccountId} />
 */
export function CreditBalances({ client, expiringWithinDays = 30, onSelect, className, now }: CreditBalancesProps) {
  const { data, error, loading, reload } = useIapQuery(async () => {
    const { accounts } = await client.listAccounts({ limit: 100 })
    // Lots come with each account's detail: a customer has a handful of accounts.
    return Promise.all(accounts.map(async (a) => (await client.retrieveAccount(a.id)).account))
  }, "balances")
  if (loading && !data) return <Loading label="Loading your credits…" className={className} />
  if (error) return <ErrorNotice error={error} onRetry={reload} className={className} />
  if (!data?.length) return <Empty className={className}>You have no credits yet.</Empty>
  const horizon = (now ?? new Date()).getTime() + expiringWithinDays * 86_400_000
  return (
    <table className={cx("w-full txt-compact-small", className)}>
      <caption className="sr-only">Your credits per service</caption>
      <thead>
        <tr className="text-ui-fg-subtle text-left">
          <th scope="col">Service</th>
          <th scope="col">Available</th>
          <th scope="col">Reserved</th>
          <th scope="col">Pending</th>
          <th scope="col">Expiring soon</th>
          <th scope="col"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {data.map((a) => {
          const expiring = a.lots
            .filter((l) => l.status === "available" && l.expires_at && Date.parse(l.expires_at) <= horizon)
            .reduce((sum, l) => sum + l.remaining, 0)
          return (
            <tr key={a.id} className="border-t border-ui-border-base" data-account={a.id}>
              <th scope="row" className="text-left font-medium">
                {onSelect ? (
                  <button type="button" className="underline" onClick={() => onSelect(a.id)}>
                    {a.service_name}
                  </button>
                ) : (
                  a.service_name
                )}
              </th>
              <td>{formatCredits(a.available, a.unit_name)}</td>
              <td>{formatCredits(a.reserved, a.unit_name)}</td>
              <td>{formatCredits(a.pending, a.unit_name)}</td>
              <td>{expiring > 0 ? formatCredits(expiring, a.unit_name) : "—"}</td>
              <td>
                <a href={a.credits_url} className="text-ui-fg-interactive underline">
                  Buy {a.unit_name}
                </a>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
