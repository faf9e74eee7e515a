import { PencilSquare } from "@medusajs/icons"
import { Button, Checkbox, Container, Heading, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Controller } from "react-hook-form"
import { useUpdateIapAccount } from "../../hooks/accounts"
import { useSalesChannels } from "../../hooks/sales-channels"
import { formatCredits, restrictionLabel } from "../../lib/format"
import { accessFormSchema } from "../../lib/schemas"
import type { IapPortalAccountDetailDTO } from "../../lib/types"
import { AccountStateBadge } from "../common/badges"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { ErrorState, LoadingState, SectionRow } from "../common/states"

/** Sales channels to tick: the store's, plus any of the restriction that no longer exist. */
export function ChannelPicker({
  value,
  onChange,
  keep = [],
}: {
  value: string[]
  onChange: (ids: string[]) => void
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

function AccessDrawer({ account, open, onOpenChange }: { account: IapPortalAccountDetailDTO; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateIapAccount(account.id)
  const form = useDrawerForm(accessFormSchema, open, () => ({
    state: account.state,
    overdraft_limit: String(account.overdraft_limit ?? 0),
    sales_channel_ids: account.sales_channel_ids,
  }))

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="State, overdraft and sales channels"
      description="Where and how this account may be used."
      submitLabel="Save"
      testId="iap-access-drawer"
      submitTestId="iap-access-submit"
      onSubmit={async (values) => {
        await update.mutateAsync({
          state: values.state,
          overdraft_limit: values.overdraft_limit.trim() || "0",
          sales_channel_ids: values.sales_channel_ids,
        })
        toast.success("Account settings saved")
      }}
    >
      <FormField form={form} name="state" id="access-state" label="State" hint="Suspended and closed accounts cannot be charged">
        {({ value, onChange, id }) => (
          <Select value={value} onValueChange={onChange}>
            <Select.Trigger id={id}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="active">Active</Select.Item>
              <Select.Item value="suspended">Suspended</Select.Item>
              <Select.Item value="closed">Closed</Select.Item>
            </Select.Content>
          </Select>
        )}
      </FormField>
      <FormField
        form={form}
        name="overdraft_limit"
        id="access-overdraft"
        label={`Overdraft limit (${account.unit_name})`}
        hint="Credits the balance may go below zero; 0 = none"
      >
        {(field) => <Input {...field} inputMode="decimal" />}
      </FormField>
      <Controller
        control={form.control}
        name="sales_channel_ids"
        render={({ field }) => <ChannelPicker value={field.value} onChange={field.onChange} keep={account.sales_channel_ids} />}
      />
    </DrawerForm>
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
