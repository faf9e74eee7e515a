"use client"
import React, { useEffect, useRef } from "react"
import type { IapInsufficientCreditsBody } from "../../types/http/store"
import { cx, formatCredits } from "../format"

export type InsufficientCreditsDialogProps = {
  /** The 402 body of the IAP API; null keeps the dialog closed. */
  error: IapInsufficientCreditsBody | null
  onClose: () => void
  unitName?: string
  className?: string
}

/**
 * Whether a response body is the IAP API's 402 "insufficient credits".
 *
 * @example
 * if (res.status === 402 && isInsufficientCredits(body)) setPaywall(body)
 */
export function isInsufficientCredits(body: unknown): body is IapInsufficientCreditsBody {
  return !!body && typeof body === "object" && (body as { type?: unknown }).type === "insufficient_credits"
}

/**
 * The paywall for a 402: how many credits the action needs, how many are available, and the
 * link to buy more. Focus moves into the dialog; Escape closes it.
 *
 * @example
 * <InsufficientCreditsDialog error={paywall} onClose={() => setPaywall(null)} unitName="SMS" />
 */
export function InsufficientCreditsDialog({ error, onClose, unitName, className }: InsufficientCreditsDialogProps) {
  const link = useRef<HTMLAnchorElement>(null)
  useEffect(() => {
    if (!error) return
    link.current?.focus()
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose()
    document.addEventListener("keydown", onKey)
    return () => document.removeEventListener("keydown", onKey)
  }, [error, onClose])
  if (!error) return null
  const titleId = "iap-insufficient-credits-title"
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40">
      <div role="dialog" aria-modal="true" aria-labelledby={titleId} className={cx("rounded-rounded bg-ui-bg-base p-6 flex flex-col gap-y-3 max-w-md", className)}>
        <h2 id={titleId} className="txt-large-plus">Not enough credits</h2>
        <p className="txt-compact-small">
          This needs {formatCredits(error.required, unitName)}; you have {formatCredits(error.available, unitName)} available.
        </p>
        <div className="flex gap-x-3">
          <a ref={link} href={error.credits_url} className="rounded-rounded bg-ui-button-inverted text-ui-fg-on-inverted px-3 py-1.5">
            Buy credits
          </a>
          <button type="button" onClick={onClose} className="underline">
            Not now
          </button>
        </div>
      </div>
    </div>
  )
}
