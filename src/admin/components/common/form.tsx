import { Alert, Label, Text } from "@medusajs/ui"
import { type ReactNode, useEffect, useState } from "react"
import { errorStatus } from "../../lib/errors"

/** A labelled form field with an optional hint and its validation error. */
export function Field({
  id,
  label,
  hint,
  error,
  optional,
  children,
}: {
  id: string
  label: string
  hint?: string
  error?: string | null
  optional?: boolean
  children: ReactNode
}) {
  return (
    <div className="flex flex-col gap-y-2">
      <Label htmlFor={id} size="small" weight="plus">
        {label}
        {optional && <span className="text-ui-fg-muted font-normal"> (optional)</span>}
      </Label>
      {children}
      {hint && !error && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      )}
      {error && (
        <Text size="xsmall" className="text-ui-fg-error" data-testid={`${id}-error`}>
          {error}
        </Text>
      )}
    </div>
  )
}

/** The API's answer to a rejected form, shown at the top of the form. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <Alert variant="error" dismissible={false} data-testid="iap-form-error">
      {message}
    </Alert>
  )
}

/** A fresh idempotency key, kept for the life of one open form so a double submit acts once. */
export function newIdempotencyKey(prefix: string): string {
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
  return `${prefix}:${random}`
}

/**
 * The idempotency key of a form: a new one each time the form opens, kept across retries of a
 * request that got no answer (a double click, a timeout: the server then acts once), and
 * renewed after the server refused the request (4xx: nothing was written), so a corrected
 * request is not refused as a reuse of the key with a different body.
 *
 * @example
 * const idem = useIdempotencyKey("admin-grant", open)
 * await grant.mutateAsync({ ...body, idempotency_key: idem.key }).catch(idem.renewAndThrow)
 */
export function useIdempotencyKey(prefix: string, open: boolean) {
  const [key, setKey] = useState(() => newIdempotencyKey(prefix))
  useEffect(() => {
    if (open) setKey(newIdempotencyKey(prefix))
  }, [open, prefix])
  const renewAndThrow = (error: unknown): never => {
    const status = errorStatus(error)
    if (status !== undefined && status >= 400 && status < 500) setKey(newIdempotencyKey(prefix))
    throw error
  }
  return { key, renewAndThrow }
}
