"use client"
import React from "react"
import { cx } from "../format"

/** Loading, empty and error states shared by the components (role="status" / role="alert"). */

export function Loading({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <p role="status" aria-live="polite" className={cx("txt-compact-small text-ui-fg-subtle", className)}>
      {label}
    </p>
  )
}

export function Empty({ children, className }: { children: React.ReactNode; className?: string }) {
  return <p className={cx("txt-compact-small text-ui-fg-subtle", className)}>{children}</p>
}

export function ErrorNotice({ error, onRetry, className }: { error: Error; onRetry?: () => void; className?: string }) {
  return (
    <div role="alert" className={cx("txt-compact-small text-ui-fg-error flex items-center gap-x-2", className)}>
      <span>{error.message}</span>
      {onRetry && (
        <button type="button" onClick={onRetry} className="underline">
          Try again
        </button>
      )}
    </div>
  )
}
