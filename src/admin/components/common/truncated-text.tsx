import { Tooltip } from "@medusajs/ui"

/**
 * One line of text cut with an ellipsis at `maxWidth`, the whole text in a tooltip: a long ledger
 * note must not widen its table (and squeeze the page's sidebar).
 *
 * @example
 * <TruncatedText text={transaction.description} />
 */
export function TruncatedText({ text, className = "max-w-[240px]" }: { text: string | null | undefined; className?: string }) {
  if (!text) return <span className="text-ui-fg-muted">-</span>
  return (
    <Tooltip content={text} maxWidth={360} className="break-words">
      <span className={`block truncate ${className}`} data-testid="iap-truncated">
        {text}
      </span>
    </Tooltip>
  )
}
