import { Button, Drawer, Input, Select, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import { useGrantIapCredits } from "../../hooks/accounts"
import { errorMessage } from "../../lib/errors"
import { formatCredits } from "../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../lib/types"
import { amountError, Field, FormError, newIdempotencyKey } from "../common/form"

type Errors = { amount?: string | null; note?: string | null; expires?: string | null }

/**
 * Grants credits as a new lot. The idempotency key lives as long as the open drawer, so a
 * double click or a retry after a timeout grants once.
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
  const [amount, setAmount] = useState("")
  const [note, setNote] = useState("")
  const [category, setCategory] = useState<"promotional" | "paid">("promotional")
  const [expires, setExpires] = useState("")
  const [errors, setErrors] = useState<Errors>({})
  const [apiError, setApiError] = useState<string | null>(null)
  const [key, setKey] = useState(() => newIdempotencyKey("admin-grant"))

  useEffect(() => {
    if (!open) return
    setAmount("")
    setNote("")
    setCategory("promotional")
    setExpires("")
    setErrors({})
    setApiError(null)
    setKey(newIdempotencyKey("admin-grant"))
  }, [open])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setApiError(null)
    const found: Errors = {
      amount: amountError(amount, "Amount"),
      note: note.trim() ? null : "A note is required: it is written to the ledger",
      expires: expires.trim() && !/^[1-9]\d*$/.test(expires.trim()) ? "Expiry must be a whole number of days" : null,
    }
    setErrors(found)
    if (found.amount || found.note || found.expires) return
    try {
      const res = await grant.mutateAsync({
        amount: amount.trim(),
        note: note.trim(),
        category,
        expires_after_days: expires.trim() ? Number(expires) : undefined,
        idempotency_key: key,
      })
      toast.success(`Granted ${formatCredits(amount.trim(), account.unit_name)}`, {
        description: `New balance: ${formatCredits(res.account.balance, account.unit_name)}`,
      })
      onOpenChange(false)
    } catch (err) {
      // Shown in the drawer, next to the fields, rather than in a toast over its buttons.
      setApiError(errorMessage(err))
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content data-testid="iap-grant-drawer">
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>Grant credits</Drawer.Title>
            <Drawer.Description className="text-ui-fg-subtle txt-small">
              Adds a lot to this {account.service_name} account.
            </Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormError message={apiError} />
            <Field
              id="grant-amount"
              label={`Amount (${account.unit_name})`}
              hint={account.integer_credits ? "Whole credits only for this service" : "Up to 4 decimal places"}
              error={errors.amount}
            >
              <Input id="grant-amount" name="amount" inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </Field>
            <Field id="grant-note" label="Note" hint="Why these credits are granted (kept in the ledger)" error={errors.note}>
              <Textarea id="grant-note" name="note" value={note} onChange={(e) => setNote(e.target.value)} />
            </Field>
            <Field id="grant-category" label="Category" hint="Promotional credits are used before paid ones">
              <Select value={category} onValueChange={(v) => setCategory(v as "promotional" | "paid")}>
                <Select.Trigger id="grant-category">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value="promotional">Promotional</Select.Item>
                  <Select.Item value="paid">Paid</Select.Item>
                </Select.Content>
              </Select>
            </Field>
            <Field id="grant-expires" label="Expires after (days)" optional hint="Empty: the credits never expire" error={errors.expires}>
              <Input id="grant-expires" name="expires_after_days" inputMode="numeric" value={expires} onChange={(e) => setExpires(e.target.value)} />
            </Field>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={grant.isPending} data-testid="iap-grant-submit">
              Grant
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
