import { Input, Text, Textarea, toast } from "@medusajs/ui"
import { useAdjustIapCredits } from "../../hooks/accounts"
import { formatCredits } from "../../lib/format"
import { adjustFormSchema } from "../../lib/schemas"
import type { IapPortalAccountDetailDTO } from "../../../types"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { useIdempotencyKey } from "../common/form"

/**
 * A signed correction with a note: positive adds a promotional lot, negative draws down like a
 * debit (more than is available answers 402, whose message is shown as is).
 */
export function AdjustDrawer({
  account,
  open,
  onOpenChange,
}: {
  account: IapPortalAccountDetailDTO
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const adjust = useAdjustIapCredits(account.id)
  const form = useDrawerForm(adjustFormSchema, open, () => ({ amount: "", note: "" }))
  const idem = useIdempotencyKey("admin-adjust", open)

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="Adjust balance"
      description={`Available now: ${formatCredits(account.available, account.unit_name)}`}
      submitLabel="Adjust"
      testId="iap-adjust-drawer"
      submitTestId="iap-adjust-submit"
      onSubmit={async (values) => {
        const amount = values.amount.trim()
        const res = await adjust
          .mutateAsync({ amount, note: values.note.trim(), idempotency_key: idem.key })
          .catch(idem.renewAndThrow)
        toast.success(`Adjusted by ${amount} ${account.unit_name}`, {
          description: `New balance: ${formatCredits(res.account.balance, account.unit_name)}`,
        })
      }}
    >
      <FormField form={form} name="amount" id="adjust-amount" label={`Amount (${account.unit_name})`} hint="Negative to remove credits, e.g. -25">
        {(field) => <Input {...field} inputMode="decimal" autoComplete="off" />}
      </FormField>
      <FormField form={form} name="note" id="adjust-note" label="Note" hint="Why the balance is corrected (kept in the ledger)">
        {(field) => <Textarea {...field} />}
      </FormField>
      <Text size="xsmall" className="text-ui-fg-muted">
        The ledger is append-only: a correction is a new row, never an edit of an old one.
      </Text>
    </DrawerForm>
  )
}
