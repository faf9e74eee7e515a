"use client"
import React, { useEffect, useState } from "react"
import type { IapStoreClient } from "../client"
import { cx } from "../format"
import { toError, useIapQuery } from "../hooks"
import { ErrorNotice, Loading } from "./states"

export type LowBalanceAlertProps = {
  client: IapStoreClient
  accountId: string
  className?: string
}

/**
 * The account's low-balance alert: below which available credits an email goes out, and to
 * whom (up to 10 addresses). An empty threshold switches the alert off.
 *
 * @example
 * <LowBalanceAlert client={iap} accountId={account.id} />
 */
export function LowBalanceAlert({ client, accountId, className }: LowBalanceAlertProps) {
  const { data, error, loading, reload } = useIapQuery(() => client.retrieveAccount(accountId), `alert:${accountId}`)
  const [threshold, setThreshold] = useState("")
  const [emails, setEmails] = useState("")
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<Error | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => {
    if (!data) return
    setThreshold(data.account.warning_threshold === null ? "" : String(data.account.warning_threshold))
    setEmails(data.account.warning_emails.join(", "))
  }, [data])
  if (loading && !data) return <Loading className={className} />
  if (error) return <ErrorNotice error={error} onRetry={reload} className={className} />
  const id = `iap-alert-${accountId}`
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setSaving(true)
    setSaveError(null)
    setSaved(false)
    try {
      await client.updateLowBalanceAlert(accountId, {
        warning_threshold: threshold.trim() === "" ? null : threshold.trim(),
        warning_emails: emails.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean),
      })
      setSaved(true)
    } catch (err) {
      setSaveError(toError(err))
    } finally {
      setSaving(false)
    }
  }
  const unit = data!.account.unit_name
  return (
    <form onSubmit={submit} className={cx("flex flex-col gap-y-3", className)} aria-label="Low-balance alert">
      <label htmlFor={`${id}-threshold`} className="txt-compact-small">
        Email me when available {unit} drop below
      </label>
      <input id={`${id}-threshold`} inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} placeholder="Off" className="border border-ui-border-base rounded-rounded px-2 py-1" />
      <label htmlFor={`${id}-emails`} className="txt-compact-small">
        Recipients (comma-separated, up to 10)
      </label>
      <input id={`${id}-emails`} value={emails} onChange={(e) => setEmails(e.target.value)} className="border border-ui-border-base rounded-rounded px-2 py-1" />
      {saveError && <ErrorNotice error={saveError} />}
      {saved && <p role="status" className="txt-compact-small text-ui-fg-subtle">Alert saved.</p>}
      <button type="submit" disabled={saving} className="self-start rounded-rounded bg-ui-button-inverted text-ui-fg-on-inverted px-3 py-1.5 disabled:opacity-50">
        {saving ? "Saving…" : "Save alert"}
      </button>
    </form>
  )
}
