import { Alert, Button, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { errorMessage } from "../../lib/errors"

/** Placeholder rows while a section loads. */
export function LoadingState({ rows = 3, label = "Loading" }: { rows?: number; label?: string }) {
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" aria-busy="true" aria-label={label} data-testid="iap-loading">
      {Array.from({ length: rows }).map((_, i) => (
        <Skeleton key={i} className="h-5 w-full" />
      ))}
    </div>
  )
}

/** A failed request: the API's message and a retry. */
export function ErrorState({ error, onRetry, title = "Could not load this" }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="px-6 py-4" data-testid="iap-error">
      <Alert variant="error">
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus">{title}</Text>
          <Text size="small">{errorMessage(error)}</Text>
          {onRetry && (
            <div>
              <Button size="small" variant="secondary" onClick={onRetry}>
                Try again
              </Button>
            </div>
          )}
        </div>
      </Alert>
    </div>
  )
}

/** Nothing to show yet. */
export function EmptyState({ title, description }: { title: string; description?: string }) {
  return (
    <div className="flex flex-col items-center gap-y-1 px-6 py-8 text-center" data-testid="iap-empty">
      <Text size="small" weight="plus" leading="compact">{title}</Text>
      {description && (
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {description}
        </Text>
      )}
    </div>
  )
}

/** A label / value row in a detail section, as the dashboard lays them out. */
export function SectionRow({ title, value, testId }: { title: string; value: ReactNode; testId?: string }) {
  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-4">
      <Text size="small" leading="compact" weight="plus">{title}</Text>
      <div className="text-ui-fg-base txt-compact-small break-words" data-testid={testId}>
        {value ?? "-"}
      </div>
    </div>
  )
}
