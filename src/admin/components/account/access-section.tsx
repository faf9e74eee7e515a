import { PencilSquare } from "@medusajs/icons"
import { Button, Checkbox, Container, Drawer, Heading, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import { useUpdateIapAccount } from "../../hooks/accounts"
import { useSalesChannels } from "../../hooks/sales-channels"
import { errorMessage } from "../../lib/errors"
import { formatCredits, restrictionLabel } from "../../lib/format"
import type { IapAccountState, IapPortalAccountDetailDTO } from "../../lib/types"
import { AccountStateBadge } from "../common/badges"
import { amountError, Field, FormError } from "../common/form"
import { ErrorState, LoadingState, SectionRow } from "../common/states"

function AccessDrawer({ account, open, onOpenChange }: { account: IapPortalAccountDetailDTO; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateIapAccount(account.id)
  const { salesChannels, isLoading, isError, error, refetch } = useSalesChannels()
  const [state, setState] = useState<IapAccountState>(account.state)
  const [overdraft, setOverdraft] = useState("0")
  const [channels, setChannels] = useState<string[]>([])
  const [overdraftError, setOverdraftError] = useState<string | null>(null)
  const [apiError, setApiError] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    setState(account.state)
    setOverdraft(String(account.overdraft_limit ?? 0))
    setChannels(account.sales_channel_ids)
    setOverdraftError(null)
    setApiError(null)
    // Only when the drawer opens: a background refetch must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const toggle = (id: string, checked: boolean) =>
    setChannels((list) => (checked ? [...new Set([...list, id])] : list.filter((c) => c !== id)))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setApiError(null)
    const bad = amountError(overdraft || "0", "Overdraft limit", { allowZero: true })
    setOverdraftError(bad)
    if (bad) return
    try {
      await update.mutateAsync({ state, overdraft_limit: overdraft.trim() || "0", sales_channel_ids: channels })
      toast.success("Account settings saved")
      onOpenChange(false)
    } catch (err) {
      setApiError(errorMessage(err))
    }
  }

  // Channels of the restriction that no longer exist stay listed, so saving does not drop them silently.
  const known = new Set((salesChannels ?? []).map((c) => c.id))
  const missing = account.sales_channel_ids.filter((id) => !known.has(id))

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="iap-access-drawer">
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>State, overdraft and sales channels</Drawer.Title>
            <Drawer.Description className="text-ui-fg-subtle txt-small">Where and how this account may be used.</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormError message={apiError} />
            <Field id="access-state" label="State" hint="Suspended and closed accounts cannot be charged">
              <Select value={state} onValueChange={(v) => setState(v as IapAccountState)}>
                <Select.Trigger id="access-state">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="active">Active</Select.Item>
                  <Select.Item value="suspended">Suspended</Select.Item>
                  <Select.Item value="closed">Closed</Select.Item>
                </Select.Content>
              </Select>
            </Field>
            <Field id="access-overdraft" label={`Overdraft limit (${account.unit_name})`} hint="Credits the balance may go below zero; 0 = none" error={overdraftError}>
              <Input id="access-overdraft" inputMode="decimal" value={overdraft} onChange={(e) => setOverdraft(e.target.value)} />
            </Field>
            <div className="flex flex-col gap-y-2" data-testid="iap-channel-picker">
              <Label size="small" weight="plus">Sales channels</Label>
              <Text size="xsmall" className="text-ui-fg-subtle">
                None checked: usable in every channel. Otherwise only in the checked ones.
              </Text>
              {isLoading ? (
                <LoadingState rows={2} />
              ) : isError ? (
                <ErrorState error={error} onRetry={() => refetch()} title="Could not load the sales channels" />
              ) : (
                <div className="flex flex-col gap-y-2">
                  {(salesChannels ?? []).map((c) => (
                    <div key={c.id} className="flex items-center gap-x-2">
                      <Checkbox id={`channel-${c.id}`} checked={channels.includes(c.id)} onCheckedChange={(v) => toggle(c.id, v === true)} />
                      <Label htmlFor={`channel-${c.id}`} size="small">
                        {c.name}
                        {c.is_disabled ? <span className="text-ui-fg-muted"> (disabled)</span> : null}
                      </Label>
                    </div>
                  ))}
                  {missing.map((id) => (
                    <div key={id} className="flex items-center gap-x-2">
                      <Checkbox id={`channel-${id}`} checked={channels.includes(id)} onCheckedChange={(v) => toggle(id, v === true)} />
                      <Label htmlFor={`channel-${id}`} size="small" className="text-ui-fg-muted">
                        {id} (deleted)
                      </Label>
                    </div>
                  ))}
                </div>
              )}
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={update.isPending} data-testid="iap-access-submit">
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** State, overdraft limit and the sales-channel restriction (channel names shown). */
export function AccessSection({ account }: { account: IapPortalAccountDetailDTO }) {
  const [open, setOpen] = useState(false)
  return (
    <Container className="divide-y p-0" data-testid="iap-access">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Access</Heading>
        <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="iap-access-edit">
          <PencilSquare />
          Edit
        </Button>
      </div>
      <SectionRow title="State" value={<AccountStateBadge state={account.state} />} />
      <SectionRow title="Overdraft limit" value={account.overdraft_limit ? formatCredits(account.overdraft_limit, account.unit_name) : "None"} />
      <SectionRow title="Sales channels" testId="iap-restriction" value={restrictionLabel(account)} />
      <SectionRow title="Token" value={<span className="font-mono">{account.token_hint}</span>} />
      <AccessDrawer account={account} open={open} onOpenChange={setOpen} />
    </Container>
  )
}
