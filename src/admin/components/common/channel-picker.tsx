import { Checkbox, Label, Text } from "@medusajs/ui"
import { useSalesChannels } from "../../hooks/sales-channels"
import { ErrorState, LoadingState } from "./states"

/** Sales channels to tick: the store's, plus any of the restriction that no longer exist. */
export function ChannelPicker({
  value,
  onChange,
  keep = [],
  hint = "None checked: usable in every channel. Otherwise only in the checked ones.",
}: {
  value: string[]
  onChange: (ids: string[]) => void
  hint?: string
  /** Ids listed even when not a channel any more (so saving does not drop them silently). */
  keep?: string[]
}) {
  const { salesChannels, isLoading, isError, error, refetch } = useSalesChannels()
  const toggle = (id: string, checked: boolean) => onChange(checked ? [...new Set([...value, id])] : value.filter((c) => c !== id))
  const known = new Set((salesChannels ?? []).map((c) => c.id))
  const missing = keep.filter((id) => !known.has(id))
  return (
    <div className="flex flex-col gap-y-2" data-testid="iap-channel-picker">
      <Label size="small" weight="plus">Sales channels</Label>
      <Text size="xsmall" className="text-ui-fg-subtle">
        {hint}
      </Text>
      {isLoading ? (
        <LoadingState rows={2} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the sales channels" />
      ) : (
        <div className="flex flex-col gap-y-2">
          {(salesChannels ?? []).map((c) => (
            <div key={c.id} className="flex items-center gap-x-2">
              <Checkbox id={`channel-${c.id}`} checked={value.includes(c.id)} onCheckedChange={(v) => toggle(c.id, v === true)} />
              <Label htmlFor={`channel-${c.id}`} size="small">
                {c.name}
                {c.is_disabled ? <span className="text-ui-fg-muted"> (disabled)</span> : null}
              </Label>
            </div>
          ))}
          {missing.map((id) => (
            <div key={id} className="flex items-center gap-x-2">
              <Checkbox id={`channel-${id}`} checked={value.includes(id)} onCheckedChange={(v) => toggle(id, v === true)} />
              <Label htmlFor={`channel-${id}`} size="small" className="text-ui-fg-muted">
                {id} (deleted)
              </Label>
            </div>
          ))}
        </div>
      )}
    </div>
  )
}
