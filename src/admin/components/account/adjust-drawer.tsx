import { Button, Drawer, Input, Text, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import { useAdjustIapCredits } from "../../hooks/accounts"
import { errorMessage } from "../../lib/errors"
import { formatCredits } from "../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../lib/types"
import { amountError, Field, FormError, newIdempotencyKey } from "../common/form"

/**
 * A signed correction with a note: positive adds a promotional lot, negative draws down like a
 * debit (more than is available answers 402, shown as is).
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
  const [amount, setAmount] = useState("")
  const [note, setNote] = useState("")
  const [errors, setErrors] = useState<{ amount?: string | null; note?: string | null }>({})
  const [apiError, setApiError] = useState<string | null>(null)
  const [key, setKey] = useState(() => newIdempotencyKey("admin-adjust"))

  useEffect(() => {
    if (!open) return
    setAmount("")
    setNote("")
    setErrors({})
    setApiError(null)
    setKey(newIdempotencyKey("admin-adjust"))
  }, [open])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setApiError(null)
    const found = {
      amount: amountError(amount, "Amount", { allowNegative: true }),
      note: note.trim() ? null : "A note is required: it is written to the ledger",
    }
    setErrors(found)
    if (found.amount || found.note) return
    try {
      const res = await adjust.mutateAsync({ amount: amount.trim(), note: note.trim(), idempotency_key: key })
      toast.success(`Adjusted by ${amount.trim()} ${account.unit_name}`, {
        description: `New balance: ${formatCredits(res.account.balance, account.unit_name)}`,
      })
      onOpenChange(false)
    } catch (err) {
      // A 402's own message already says the credits are insufficient: shown as is.
      setApiError(errorMessage(err))
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="iap-adjust-drawer">
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>Adjust balance</Drawer.Title>
            <Drawer.Description className="text-ui-fg-subtle txt-small">
              Available now: {formatCredits(account.available, account.unit_name)}
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormError message={apiError} />
            <Field id="adjust-amount" label={`Amount (${account.unit_name})`} hint="Negative to remove credits, e.g. -25" error={errors.amount}>
              <Input id="adjust-amount" name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </Field>
            <Field id="adjust-note" label="Note" hint="Why the balance is corrected (kept in the ledger)" error={errors.note}>
              <Textarea id="adjust-note" name="note" value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <Text size="xsmall" className="text-ui-fg-muted">
              The ledger is append-only: a correction is a new row, never an edit of an old one.
            </Text>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={adjust.isPending} data-testid="iap-adjust-submit">
              Adjust
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
