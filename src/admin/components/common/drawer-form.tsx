import { zodResolver } from "@hookform/resolvers/zod"
import type { z } from "@medusajs/framework/zod"
import { Button, Drawer, Prompt } from "@medusajs/ui"
import { type ReactNode, useEffect, useState } from "react"
import {
  Controller,
  type ControllerRenderProps,
  type FieldPath,
  type FieldValues,
  useForm,
  type UseFormReturn,
} from "react-hook-form"
import { errorMessage } from "../../lib/errors"
import { Field, FormError } from "./form"

/**
 * `useForm` with the schema's resolver (field errors come from the schema), reset to `defaults()`
 * each time the drawer opens, so a background refetch never wipes what is being typed.
 *
 * @example
 * const form = useDrawerForm(grantFormSchema, open, () => ({ amount: "", note: "" }))
 */
export function useDrawerForm<TIn extends FieldValues, TOut>(
  schema: z.ZodType<TOut, TIn>,
  open: boolean,
  defaults: () => TIn
): UseFormReturn<TIn, unknown, TOut> {
  const form = useForm<TIn, unknown, TOut>({ resolver: zodResolver(schema), defaultValues: defaults() as never })
  useEffect(() => {
    if (open) form.reset(defaults())
    // Only when the drawer opens: `defaults` is a new function each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])
  return form
}

/**
 * The one drawer form of the plugin's admin, in the dashboard's way (react-hook-form + a zod
 * resolver): schema errors under each field, the API's error at the form's foot, and closing
 * a dirty form (Cancel, Esc, a click outside) asks before discarding the changes.
 * `onSubmit` throws to keep the drawer open with the API's message; resolving closes it.
 *
 * @example
 * <DrawerForm form={form} open={open} onOpenChange={setOpen} title="Grant credits" submitLabel="Grant"
 *   testId="iap-grant-drawer" submitTestId="iap-grant-submit" onSubmit={(values) => grant.mutateAsync(values)}>
 *   <FormField form={form} name="amount" id="grant-amount" label="Amount">{(field) => <Input {...field} />}</FormField>
 * </DrawerForm>
 */
export function DrawerForm<TIn extends FieldValues, TOut>({
  form,
  open,
  onOpenChange,
  title,
  description,
  submitLabel,
  testId,
  submitTestId,
  onSubmit,
  children,
}: {
  form: UseFormReturn<TIn, unknown, TOut>
  open: boolean
  onOpenChange: (open: boolean) => void
  title: ReactNode
  description?: ReactNode
  submitLabel: string
  testId?: string
  submitTestId?: string
  onSubmit: (values: TOut) => Promise<unknown>
  children: ReactNode
}) {
  const [apiError, setApiError] = useState<string | null>(null)
  const [confirmClose, setConfirmClose] = useState(false)

  useEffect(() => {
    if (open) {
      setApiError(null)
      setConfirmClose(false)
    }
  }, [open])

  // Read while rendering: react-hook-form tracks only the form state a render subscribed to.
  const { isDirty, isSubmitting } = form.formState

  const requestClose = () => {
    if (isSubmitting) return
    if (isDirty) setConfirmClose(true)
    else onOpenChange(false)
  }

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values)
      onOpenChange(false)
    } catch (err) {
      // Shown at the form's foot, next to its buttons, rather than in a toast over them.
      setApiError(errorMessage(err))
    }
  })

  return (
    <Drawer open={open} onOpenChange={(next) => (next ? onOpenChange(true) : requestClose())}>
      <Drawer.Content data-testid={testId} aria-describedby={undefined}>
        <form
          onSubmit={(e) => {
            setApiError(null)
            return submit(e)
          }}
          className="flex h-full flex-col overflow-hidden"
          noValidate
        >
          <Drawer.Header>
            <Drawer.Title>{title}</Drawer.Title>
            {description && <Drawer.Description className="text-ui-fg-subtle txt-small">{description}</Drawer.Description>}
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">{children}</Drawer.Body>
          {apiError && (
            <div className="px-6 pb-4">
              <FormError message={apiError} />
            </div>
          )}
          <Drawer.Footer>
            <Button size="small" variant="secondary" type="button" onClick={requestClose}>
              Cancel
            </Button>
            <Button size="small" type="submit" isLoading={isSubmitting} data-testid={submitTestId}>
              {submitLabel}
            </Button>
          </Drawer.Footer>
        </form>
        {/* Inside the drawer's tree, so clicking the prompt does not count as a click outside it. */}
        <Prompt open={confirmClose} variant="confirmation">
          <Prompt.Content data-testid="iap-unsaved-prompt">
            <Prompt.Header>
              <Prompt.Title>Discard your changes?</Prompt.Title>
              <Prompt.Description>You have unsaved changes in this form. Closing it loses them.</Prompt.Description>
            </Prompt.Header>
            <Prompt.Footer>
              <Prompt.Cancel onClick={() => setConfirmClose(false)}>Keep editing</Prompt.Cancel>
              <Prompt.Action
                onClick={() => {
                  setConfirmClose(false)
                  onOpenChange(false)
                }}
              >
                Discard
              </Prompt.Action>
            </Prompt.Footer>
          </Prompt.Content>
        </Prompt>
      </Drawer.Content>
    </Drawer>
  )
}

/**
 * A labelled field bound to the form: the schema's message shows under it
 * (`data-testid="<id>-error"`).
 *
 * @example
 * <FormField form={form} name="note" id="grant-note" label="Note">{(field) => <Textarea {...field} />}</FormField>
 */
export function FormField<TIn extends FieldValues, TOut, TName extends FieldPath<TIn>>({
  form,
  name,
  id,
  label,
  hint,
  optional,
  children,
}: {
  form: UseFormReturn<TIn, unknown, TOut>
  name: TName
  id: string
  label: string
  hint?: string
  optional?: boolean
  children: (field: ControllerRenderProps<TIn, TName> & { id: string }) => ReactNode
}) {
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Field id={id} label={label} hint={hint} optional={optional} error={fieldState.error?.message}>
          {children({ ...field, id })}
        </Field>
      )}
    />
  )
}
