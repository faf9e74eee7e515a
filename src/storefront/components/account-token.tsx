"use client"
import React, { useState } from "react"
import type { IapStoreClient } from "../client"
import { cx } from "../format"
import { toError, useIapQuery } from "../hooks"
import { ErrorNotice, Loading } from "./states"

export type AccountTokenProps = {
  client: IapStoreClient
  accountId: string
  className?: string
}

/**
 * The account token a service provider uses to charge this account: only its last characters
 * are ever shown again; rotating makes a new one, shown once, and the old one stops working.
 *
 * @example
 * <AccountToken client={iap} accountId={account.id} />
 */
export function AccountToken({ client, accountId, className }: AccountTokenProps) {
  const { data, error, loading, reload } = useIapQuery(() => client.retrieveAccount(accountId), `token:${accountId}`)
  const [token, setToken] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [rotateError, setRotateError] = useState<Error | null>(null)
  const [copied, setCopied] = useState(false)
  if (loading && !data) return <Loading className={className} />
  if (error) return <ErrorNotice error={error} onRetry={reload} className={className} />
  const rotate = async () => {
    setRotateError(null)
    try {
      const res = await client.rotateToken(accountId)
      setToken(res.token)
      setConfirming(false)
    } catch (e) {
      setRotateError(toError(e))
    }
  }
  const copy = async () => {
    await navigator.clipboard?.writeText(token!)
    setCopied(true)
  }
  return (
    <div className={cx("flex flex-col gap-y-2 txt-compact-small", className)}>
      {token ? (
        <>
          <p role="status">Your new token. Copy it now: it will not be shown again.</p>
          <code className="break-all rounded-rounded bg-ui-bg-subtle px-2 py-1" aria-label="New account token">{token}</code>
          <button type="button" onClick={copy} className="self-start underline">{copied ? "Copied" : "Copy token"}</button>
        </>
      ) : (
        <p>Token ending in <code>{data!.account.token_hint}</code></p>
      )}
      {rotateError && <ErrorNotice error={rotateError} />}
      {confirming ? (
        <div role="group" aria-label="Confirm token rotation" className="flex items-center gap-x-2">
          <span>The current token stops working at once.</span>
          <button type="button" onClick={rotate} className="underline text-ui-fg-error">Rotate now</button>
          <button type="button" onClick={() => setConfirming(false)} className="underline">Keep it</button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="self-start underline">Rotate token</button>
      )}
    </div>
  )
}
