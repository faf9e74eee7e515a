import { PencilSquare } from "@medusajs/icons"
import { Button, Container, Drawer, Heading, Input, Text, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import { useUpdateIapAccount } from "../../hooks/accounts"
import { errorMessage } from "../../lib/errors"
import { formatCredits } from "../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../lib/types"
import { amountError, Field, FormError } from "../common/form"
import { SectionRow } from "../common/states"

const MAX_RECIPIENTS = 10
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** "a@x.io, b@y.io\nc@z.io" → the addresses, trimmed, without blanks or repeats. */
export function parseRecipients(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean))]
}

function WarningDrawer({ account, open, onOpenChange }: { account: IapPortalAccountDetailDTO; open: boolean; onOpenChange: (o: boolean) => void }) {
  const update = useUpdateIapAccount(account.id)
  const [threshold, setThreshold] = useState("")
  const [recipients, setRecipients] = useState("")
  const [errors, setErrors] = useState<{ threshold?: string | null; recipients?: string | null }>({})
  const [apiError, setApiError] = useState<string | null>(null)

  useEffect(() => {
    if (!open) return
    setThreshold(account.warning_threshold === null ? "" : String(account.warning_threshold))
    setRecipients(account.warning_emails.join("\n"))
    setErrors({})
    setApiError(null)
    // Only when the drawer opens: a background refetch must not wipe what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setApiError(null)
    const emails = parseRecipients(recipients)
    const bad = emails.find((m) => !EMAIL.test(m))
    const found = {
      threshold: threshold.trim() ? amountError(threshold, "Threshold", { allowZero: true }) : null,
      recipients: bad
        ? `${bad} is not an email address`
        : emails.length > MAX_RECIPIENTS
          ? `At most ${MAX_RECIPIENTS} recipients`
          : null,
    }
    setErrors(found)
    if (found.threshold || found.recipients) return
    try {
      await update.mutateAsync({ warning_threshold: threshold.trim() || null, warning_emails: emails })
      toast.success(threshold.trim() ? `Warning below ${formatCredits(threshold.trim(), account.unit_name)} saved` : "Low-balance warning turned off")
      onOpenChange(false)
    } catch (err) {
      setApiError(errorMessage(err))
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="iap-warning-drawer">
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>Low-balance warning</Drawer.Title>
            <Drawer.Description className="text-ui-fg-subtle txt-small">
              One email per recipient each time the available credits drop below the threshold.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormError message={apiError} />
            <Field id="warning-threshold" label={`Threshold (${account.unit_name})`} hint="Empty: no warning" error={errors.threshold}>
              <Input id="warning-threshold" name="warning_threshold" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} />
            </Field>
            <Field id="warning-recipients" label="Recipients" hint={`Up to ${MAX_RECIPIENTS} email addresses, one per line or comma-separated`} error={errors.recipients}>
              <Textarea id="warning-recipients" name="warning_emails" rows={4} value={recipients} onChange={(e) => setRecipients(e.target.value)} />
            </Field>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={update.isPending} data-testid="iap-warning-submit">
              Save
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
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
