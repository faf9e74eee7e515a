import { Input, Select, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Controller } from "react-hook-form"
import { useCreateIapAccount } from "../../hooks/accounts"
import { useCustomerSearch } from "../../hooks/customers"
import { useIapServices } from "../../hooks/services"
import { ServiceSelectField } from "../common/service-select-field"
import { createAccountBody } from "../../lib/request-bodies"
import { accountFormSchema, type AccountFormValues } from "../../lib/schemas"
import type { IapPortalAccountDetailDTO } from "../../../types"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { SecretDialog } from "../common/secret-dialog"
import { ChannelPicker } from "../common/channel-picker"

type Holder = { id: string; email: string | null }

function CustomerPicker({ value, onChange, id }: { value: string; onChange: (id: string) => void; id: string }) {
  const [q, setQ] = useState("")
  const { customers, isLoading } = useCustomerSearch(q)
  return (
    <div className="flex flex-col gap-y-2">
      <Input
        id="account-customer-search"
        type="search"
        size="small"
        placeholder="Search by email, name or company"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <Select value={value || undefined} onValueChange={onChange}>
        <Select.Trigger id={id}>
          <Select.Value placeholder={isLoading ? "Loading customers…" : customers?.length ? "Choose a customer" : "No customer matches"} />
        </Select.Trigger>
        <Select.Content>
          {(customers ?? []).map((c) => (
            <Select.Item key={c.id} value={c.id}>
              {c.email ?? c.id}
              {c.company_name ? ` · ${c.company_name}` : ""}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

/**
 * Opens an account for a customer or the store: service, sales-channel restriction, overdraft
 * limit, low-balance threshold. The account's token comes back once and is shown with a copy
 * button; `onCreated` runs when that dialog is closed.
 */
export function CreateAccountDrawer({
  open,
  onOpenChange,
  customer,
  onCreated,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** A fixed holder (the customer page): the holder fields are not shown. */
  customer?: Holder
  onCreated?: (account: IapPortalAccountDetailDTO) => void
}) {
  const create = useCreateIapAccount()
  const { services } = useIapServices({ limit: 100, status: "active" })
  const [created, setCreated] = useState<{ account: IapPortalAccountDetailDTO; token: string } | null>(null)
  const form = useDrawerForm(accountFormSchema, open, (): AccountFormValues => ({
    holder: "customer",
    customer_id: customer?.id ?? "",
    service_id: "",
    sales_channel_ids: [],
    overdraft_limit: "",
    warning_threshold: "",
  }))
  const holder = form.watch("holder")
  const serviceId = form.watch("service_id")
  const unit = services?.find((s) => s.id === serviceId)?.unit_name ?? "credits"

  return (
    <>
      <DrawerForm
        form={form}
        open={open}
        onOpenChange={onOpenChange}
        title="Create account"
        description={customer ? `A credit account of ${customer.email ?? customer.id}.` : "A credit account of a customer or of the store."}
        submitLabel="Create"
        testId="iap-create-account-drawer"
        submitTestId="iap-create-account-submit"
        onSubmit={async (values) => {
          const res = await create.mutateAsync(createAccountBody(values))
          toast.success(`${res.account.service_name} account created`)
          setCreated(res)
        }}
      >
        {!customer && (
          <>
            <FormField form={form} name="holder" id="account-holder" label="Holder">
              {({ value, onChange, id }) => (
                <Select value={value} onValueChange={onChange}>
                  <Select.Trigger id={id}>
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="customer">A customer</Select.Item>
                    <Select.Item value="store">The store itself</Select.Item>
                  </Select.Content>
                </Select>
              )}
            </FormField>
            {holder === "customer" && (
              <FormField form={form} name="customer_id" id="account-customer" label="Customer">
                {({ value, onChange, id }) => <CustomerPicker value={value} onChange={onChange} id={id} />}
              </FormField>
            )}
          </>
        )}
        <ServiceSelectField form={form} name="service_id" id="account-service" />
        <Controller
          control={form.control}
          name="sales_channel_ids"
          render={({ field }) => <ChannelPicker value={field.value} onChange={field.onChange} />}
        />
        <div className="grid grid-cols-2 gap-4">
          <FormField form={form} name="overdraft_limit" id="account-overdraft" label={`Overdraft limit (${unit})`} optional hint="Empty: none">
            {(field) => <Input {...field} inputMode="decimal" />}
          </FormField>
          <FormField form={form} name="warning_threshold" id="account-threshold" label={`Warning threshold (${unit})`} optional hint="Empty: the service's default">
            {(field) => <Input {...field} inputMode="decimal" />}
          </FormField>
        </div>
        <Text size="xsmall" className="text-ui-fg-muted">
          The account's token is shown once after it is created: copy it for the service that uses it.
        </Text>
      </DrawerForm>
      <SecretDialog
        secret={created?.token ?? null}
        title={`Token of the new ${created?.account.service_name ?? ""} account`}
        description="Third-party providers send this token with each call to charge this account."
        note="It will not be shown again: only its hint is kept. Copy it now."
        onClose={() => {
          const account = created?.account
          setCreated(null)
          if (account) onCreated?.(account)
        }}
      />
    </>
  )
}
