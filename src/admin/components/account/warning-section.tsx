import { PencilSquare } from "@medusajs/icons"
import { Button, Container, Heading, Input, Text, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { useUpdateIapAccount } from "../../hooks/accounts"
import { formatCredits } from "../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../../types"
import { MAX_RECIPIENTS, parseRecipients, warningFormSchema } from "../../lib/schemas"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { SectionRow } from "../common/states"

function WarningDrawer({ account, open, onOpenChange }: { account: IapPortalAccountDetailDTO; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateIapAccount(account.id)
  const form = useDrawerForm(warningFormSchema, open, () => ({
    warning_threshold: account.warning_threshold === null ? "" : String(account.warning_threshold),
    warning_emails: account.warning_emails.join("\n"),
  }))

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="Low-balance warning"
      description="One email per recipient each time the available credits drop below the threshold."
      submitLabel="Save"
      testId="iap-warning-drawer"
      submitTestId="iap-warning-submit"
      onSubmit={async (values) => {
        const threshold = values.warning_threshold.trim()
        await update.mutateAsync({ warning_threshold: threshold || null, warning_emails: parseRecipients(values.warning_emails) })
        toast.success(threshold ? `Warning below ${formatCredits(threshold, account.unit_name)} saved` : "Low-balance warning turned off")
      }}
    >
      <FormField form={form} name="warning_threshold" id="warning-threshold" label={`Threshold (${account.unit_name})`} hint="Empty: no warning">
        {(field) => <Input {...field} inputMode="decimal" />}
      </FormField>
      <FormField
        form={form}
        name="warning_emails"
        id="warning-recipients"
        label="Recipients"
        hint={`Up to ${MAX_RECIPIENTS} email addresses, one per line or comma-separated`}
      >
        {(field) => <Textarea {...field} rows={4} />}
      </FormField>
    </DrawerForm>
  )
}

/** The account's threshold, its recipients and whether the next crossing will warn. */
export function WarningSection({ account }: { account: IapPortalAccountDetailDTO }) {
  const [open, setOpen] = useState(false)
  const on = account.warning_threshold !== null
  return (
    <Container className="divide-y p-0" data-testid="iap-warning">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Low-balance warning</Heading>
        <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="iap-warning-edit">
          <PencilSquare />
          Edit
        </Button>
      </div>
      <SectionRow title="Threshold" testId="iap-warning-threshold" value={on ? formatCredits(account.warning_threshold, account.unit_name) : "Off"} />
      <SectionRow
        title="Recipients"
        testId="iap-warning-recipients"
        value={
          account.warning_emails.length ? (
            <div className="flex flex-col">{account.warning_emails.map((m) => <span key={m}>{m}</span>)}</div>
          ) : (
            <Text size="small" className="text-ui-fg-muted">None</Text>
          )
        }
      />
      <SectionRow
        title="Status"
        testId="iap-warning-status"
        value={
          !on
            ? "-"
            : account.warning_armed
              ? `Armed: warns on the next drop below ${formatCredits(account.warning_threshold, account.unit_name)}`
              : `Sent: re-arms when credits are back above ${formatCredits(account.warning_threshold, account.unit_name)}`
        }
      />
      <WarningDrawer account={account} open={open} onOpenChange={setOpen} />
    </Container>
  )
}
