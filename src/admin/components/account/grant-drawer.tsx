import { Input, Select, Textarea, toast } from "@medusajs/ui"
import { useGrantIapCredits } from "../../hooks/accounts"
import { formatCredits } from "../../lib/format"
import { grantBody } from "../../lib/request-bodies"
import { grantFormSchema, type GrantFormValues } from "../../lib/schemas"
import type { IapPortalAccountDetailDTO } from "../../../types"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { useIdempotencyKey } from "../common/form"

const EMPTY: GrantFormValues = { amount: "", note: "", category: "promotional", expires_after_days: "" }

/** The grant fields, shared by the account page and the customer widget. */
export function GrantFields({ form, unit, integer }: { form: ReturnType<typeof useDrawerForm<GrantFormValues, unknown>>; unit: string; integer: boolean }) {
  return (
    <>
      <FormField form={form} name="amount" id="grant-amount" label={`Amount (${unit})`} hint={integer ? "Whole credits only for this service" : "Up to 4 decimal places"}>
        {(field) => <Input {...field} inputMode="decimal" autoComplete="off" />}
      </FormField>
      <FormField form={form} name="note" id="grant-note" label="Note" hint="Why these credits are granted (kept in the ledger)">
        {(field) => <Textarea {...field} />}
      </FormField>
      <FormField form={form} name="category" id="grant-category" label="Category" hint="Promotional credits are used before paid ones">
        {({ value, onChange, id }) => (
          <Select value={value} onValueChange={onChange}>
            <Select.Trigger id={id}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="promotional">Promotional</Select.Item>
              <Select.Item value="paid">Paid</Select.Item>
            </Select.Content>
          </Select>
        )}
      </FormField>
      <FormField form={form} name="expires_after_days" id="grant-expires" label="Expires after (days)" optional hint="Empty: the credits never expire">
        {(field) => <Input {...field} inputMode="numeric" />}
      </FormField>
    </>
  )
}

/**
 * Grants credits as a new lot. The idempotency key lives as long as the open drawer (renewed
 * after a refusal), so a double click or a retry after a timeout grants once.
 */
export function GrantDrawer({
  account,
  open,
  onOpenChange,
}: {
  account: IapPortalAccountDetailDTO
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const grant = useGrantIapCredits(account.id)
  const form = useDrawerForm(grantFormSchema, open, () => EMPTY)
  const idem = useIdempotencyKey("admin-grant", open)

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="Grant credits"
      description={`Adds a lot to this ${account.service_name} account.`}
      submitLabel="Grant"
      testId="iap-grant-drawer"
      submitTestId="iap-grant-submit"
      onSubmit={async (values) => {
        const res = await grant.mutateAsync(grantBody(values, idem.key)).catch(idem.renewAndThrow)
        toast.success(`Granted ${formatCredits(values.amount.trim(), account.unit_name)}`, {
          description: `New balance: ${formatCredits(res.account.balance, account.unit_name)}`,
        })
      }}
    >
      <GrantFields form={form} unit={account.unit_name} integer={account.integer_credits} />
    </DrawerForm>
  )
}
