import { PencilSquare } from "@medusajs/icons"
import { Button, Container, Heading, Input, Select, toast } from "@medusajs/ui"
import { useState } from "react"
import { Controller } from "react-hook-form"
import { useUpdateIapAccount } from "../../hooks/accounts"
import { formatCredits, restrictionLabel } from "../../lib/format"
import { accessFormSchema } from "../../lib/schemas"
import type { IapPortalAccountDetailDTO } from "../../../types"
import { AccountStateBadge } from "../common/badges"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { ChannelPicker } from "../common/channel-picker"
import { SectionRow } from "../common/states"

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
