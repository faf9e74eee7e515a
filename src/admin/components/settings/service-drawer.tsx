import { Input, Select, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { useEffect } from "react"
import { Controller } from "react-hook-form"
import { useCreateIapService, useUpdateIapService } from "../../hooks/services"
import { serviceFormSchema, type ServiceFormInput } from "../../lib/schemas"
import type { AdminUpdateIapServiceType } from "../../../api/admin/iap/services/validators"
import type { IapServiceDTO } from "../../../types"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"

function initialValues(service?: IapServiceDTO | null): ServiceFormInput {
  return {
    creating: !service,
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
  const create = useCreateIapService()
  const update = useUpdateIapService(service?.id ?? "")
  const form = useDrawerForm(serviceFormSchema, open, () => initialValues(service))

  useEffect(() => {
    // Switching the edited service while open (not a background refetch) loads its values.
    if (open) form.reset(initialValues(service))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [service?.id])

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title={creating ? "Create service" : `Edit ${service!.technical_name}`}
      submitLabel={creating ? "Create" : "Save"}
      testId="iap-service-drawer"
      submitTestId="iap-service-submit"
      onSubmit={async (v) => {
        const body: AdminUpdateIapServiceType = {
          name: v.name.trim(),
          description: v.description.trim() || null,
          unit_name: v.unit_name.trim(),
          integer_credits: v.integer_credits,
          trial_credits: v.trial_credits.trim() || "0",
          default_warning_threshold: v.default_warning_threshold.trim() || null,
          hold_ttl_seconds: v.hold_ttl_seconds.trim() ? Number(v.hold_ttl_seconds) : null,
        }
        if (creating) {
          const res = await create.mutateAsync({ ...body, name: body.name!, technical_name: v.technical_name, provider_type: v.provider_type })
          toast.success(`Service ${res.service.technical_name} created`)
          if (res.key) onKey(res.key, res.service)
        } else {
          await update.mutateAsync(body)
          toast.success(`Service ${service!.technical_name} updated`)
        }
      }}
    >
      {creating && (
        <FormField form={form} name="technical_name" id="service-technical-name" label="Technical name" hint="Used by code and the provider API, e.g. sms">
          {(field) => <Input {...field} placeholder="sms" />}
        </FormField>
      )}
      <FormField form={form} name="name" id="service-name" label="Name">
        {(field) => <Input {...field} placeholder="SMS" />}
      </FormField>
      <FormField form={form} name="description" id="service-description" label="Description" optional>
        {(field) => <Textarea {...field} />}
      </FormField>
      <div className="grid grid-cols-2 gap-4">
        <FormField form={form} name="unit_name" id="service-unit" label="Unit name">
          {(field) => <Input {...field} />}
        </FormField>
        <FormField form={form} name="trial_credits" id="service-trial" label="Trial credits">
          {(field) => <Input {...field} inputMode="decimal" />}
        </FormField>
        <FormField form={form} name="default_warning_threshold" id="service-threshold" label="Default warning threshold" optional>
          {(field) => <Input {...field} inputMode="decimal" />}
        </FormField>
        <FormField form={form} name="hold_ttl_seconds" id="service-ttl" label="Hold TTL (seconds)" optional>
          {(field) => <Input {...field} inputMode="numeric" />}
        </FormField>
      </div>
      {creating && (
        <FormField form={form} name="provider_type" id="service-provider" label="Provider" hint="Third-party services call the provider API with a service key">
          {({ value, onChange, id }) => (
            <Select value={value} onValueChange={onChange}>
              <Select.Trigger id={id}>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="first_party">First party (runs inside Medusa)</Select.Item>
                <Select.Item value="third_party">Third party (service key)</Select.Item>
              </Select.Content>
            </Select>
          )}
        </FormField>
      )}
      <Controller
        control={form.control}
        name="integer_credits"
        render={({ field }) => (
          <div className="flex items-center justify-between gap-x-4">
            <div>
              <Text size="small" weight="plus">Whole credits only</Text>
              <Text size="xsmall" className="text-ui-fg-subtle">Amounts with decimals are refused</Text>
            </div>
            <Switch checked={field.value} onCheckedChange={field.onChange} aria-label="Whole credits only" />
          </div>
        )}
      />
    </DrawerForm>
  )
}
