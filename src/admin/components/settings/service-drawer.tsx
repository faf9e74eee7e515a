import { Button, Drawer, Input, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import { useCreateIapService, useUpdateIapService } from "../../hooks/services"
import { errorMessage } from "../../lib/errors"
import type { IapServiceDTO, ServiceFormValues } from "../../lib/types"
import { amountError, Field, FormError } from "../common/form"

const TECHNICAL_NAME = /^[a-z][a-z0-9_]{1,62}$/

type State = {
  technical_name: string
  name: string
  description: string
  unit_name: string
  integer_credits: boolean
  trial_credits: string
  default_warning_threshold: string
  provider_type: "first_party" | "third_party"
  hold_ttl_seconds: string
}

function initialState(service?: IapServiceDTO | null): State {
  return {
    technical_name: service?.technical_name ?? "",
    name: service?.name ?? "",
    description: service?.description ?? "",
    unit_name: service?.unit_name ?? "credits",
    integer_credits: service?.integer_credits ?? true,
    trial_credits: service ? String(service.trial_credits ?? 0) : "0",
    default_warning_threshold: service?.default_warning_threshold == null ? "" : String(service.default_warning_threshold),
    provider_type: service?.provider_type ?? "first_party",
    hold_ttl_seconds: service?.hold_ttl_seconds == null ? "" : String(service.hold_ttl_seconds),
  }
}

function validate(s: State, creating: boolean): Partial<Record<keyof State, string>> {
  const errors: Partial<Record<keyof State, string>> = {}
  if (creating && !TECHNICAL_NAME.test(s.technical_name)) {
    errors.technical_name = "2 to 63 lowercase letters, digits or underscores, starting with a letter"
  }
  if (!s.name.trim()) errors.name = "Name is required"
  if (!s.unit_name.trim()) errors.unit_name = "Unit name is required"
  const trial = amountError(s.trial_credits || "0", "Trial credits", { allowZero: true })
  if (trial) errors.trial_credits = trial
  if (s.default_warning_threshold.trim()) {
    const t = amountError(s.default_warning_threshold, "Default threshold", { allowZero: true })
    if (t) errors.default_warning_threshold = t
  }
  if (s.hold_ttl_seconds.trim() && !/^\d+$/.test(s.hold_ttl_seconds.trim())) {
    errors.hold_ttl_seconds = "Hold TTL must be a whole number of seconds"
  }
  return errors
}

/**
 * Creates or edits a service. A new third-party service's key comes back once: `onKey` shows it.
 */
export function ServiceDrawer({
  open,
  onOpenChange,
  service,
  onKey,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
  service?: IapServiceDTO | null
  onKey: (key: string, service: IapServiceDTO) => void
}) {
  const creating = !service
  const [state, setState] = useState<State>(() => initialState(service))
  const [errors, setErrors] = useState<Partial<Record<keyof State, string>>>({})
  const [apiError, setApiError] = useState<string | null>(null)
  const create = useCreateIapService()
  const update = useUpdateIapService(service?.id ?? "")
  const pending = create.isPending || update.isPending

  useEffect(() => {
    if (open) {
      setState(initialState(service))
      setErrors({})
      setApiError(null)
    }
    // Only when the drawer opens (or switches service): a background refetch must not wipe the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, service?.id])

  const set = <K extends keyof State>(key: K, value: State[K]) => setState((s) => ({ ...s, [key]: value }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setApiError(null)
    const found = validate(state, creating)
    setErrors(found)
    if (Object.keys(found).length) return
    const body: ServiceFormValues = {
      name: state.name.trim(),
      description: state.description.trim() || null,
      unit_name: state.unit_name.trim(),
      integer_credits: state.integer_credits,
      trial_credits: state.trial_credits.trim() || "0",
      default_warning_threshold: state.default_warning_threshold.trim() || null,
      hold_ttl_seconds: state.hold_ttl_seconds.trim() ? Number(state.hold_ttl_seconds) : null,
    }
    try {
      if (creating) {
        const res = await create.mutateAsync({ ...body, technical_name: state.technical_name, provider_type: state.provider_type })
        toast.success(`Service ${res.service.technical_name} created`)
        if (res.key) onKey(res.key, res.service)
      } else {
        await update.mutateAsync(body)
        toast.success(`Service ${service!.technical_name} updated`)
      }
      onOpenChange(false)
    } catch (err) {
      setApiError(errorMessage(err))
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col overflow-hidden" noValidate>
          <Drawer.Header>
            <Drawer.Title>{creating ? "Create service" : `Edit ${service!.technical_name}`}</Drawer.Title>
            <Drawer.Description className="sr-only">The settings of an IAP service</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            <FormError message={apiError} />
            {creating && (
              <Field id="service-technical-name" label="Technical name" hint="Used by code and the provider API, e.g. sms" error={errors.technical_name}>
                <Input id="service-technical-name" value={state.technical_name} onChange={(e) => set("technical_name", e.target.value)} placeholder="sms" />
              </Field>
            )}
            <Field id="service-name" label="Name" error={errors.name}>
              <Input id="service-name" value={state.name} onChange={(e) => set("name", e.target.value)} placeholder="SMS" />
            </Field>
            <Field id="service-description" label="Description" optional>
              <Textarea id="service-description" value={state.description} onChange={(e) => set("description", e.target.value)} />
            </Field>
            <div className="grid grid-cols-2 gap-4">
              <Field id="service-unit" label="Unit name" error={errors.unit_name}>
                <Input id="service-unit" value={state.unit_name} onChange={(e) => set("unit_name", e.target.value)} />
              </Field>
              <Field id="service-trial" label="Trial credits" error={errors.trial_credits}>
                <Input id="service-trial" inputMode="decimal" value={state.trial_credits} onChange={(e) => set("trial_credits", e.target.value)} />
              </Field>
              <Field id="service-threshold" label="Default warning threshold" optional error={errors.default_warning_threshold}>
                <Input id="service-threshold" inputMode="decimal" value={state.default_warning_threshold} onChange={(e) => set("default_warning_threshold", e.target.value)} />
              </Field>
              <Field id="service-ttl" label="Hold TTL (seconds)" optional error={errors.hold_ttl_seconds}>
                <Input id="service-ttl" inputMode="numeric" value={state.hold_ttl_seconds} onChange={(e) => set("hold_ttl_seconds", e.target.value)} />
              </Field>
            </div>
            {creating && (
              <Field id="service-provider" label="Provider" hint="Third-party services call the provider API with a service key">
                <Select value={state.provider_type} onValueChange={(v) => set("provider_type", v as State["provider_type"])}>
                  <Select.Trigger id="service-provider">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="first_party">First party (runs inside Medusa)</Select.Item>
                    <Select.Item value="third_party">Third party (service key)</Select.Item>
                  </Select.Content>
                </Select>
              </Field>
            )}
            <div className="flex items-center justify-between gap-x-4">
              <div>
                <Text size="small" weight="plus">Whole credits only</Text>
                <Text size="xsmall" className="text-ui-fg-subtle">Amounts with decimals are refused</Text>
              </div>
              <Switch checked={state.integer_credits} onCheckedChange={(v) => set("integer_credits", v)} />
            </div>
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" type="submit" isLoading={pending}>
              {creating ? "Create" : "Save"}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
