import { Select } from "@medusajs/ui"
import type { FieldValues, Path, UseFormReturn } from "react-hook-form"
import { useIapServices } from "../../hooks/services"
import { FormField } from "./drawer-form"

/** A service picker bound to a form field (active services only: archived ones sell nothing). */
export function ServiceSelectField<T extends FieldValues>({
  form,
  name,
  id,
  disabled,
  hint,
}: {
  form: UseFormReturn<T, unknown, any>
  name: Path<T>
  id: string
  disabled?: boolean
  hint?: string
}) {
  const { services } = useIapServices({ limit: 100, status: "active" })
  return (
    <FormField form={form} name={name} id={id} label="Service" hint={hint}>
      {({ value, onChange, id: fieldId }) => (
        <Select value={value || undefined} onValueChange={onChange} disabled={disabled}>
          <Select.Trigger id={fieldId}>
            <Select.Value placeholder="Choose a service" />
          </Select.Trigger>
          <Select.Content>
            {(services ?? []).map((s) => (
              <Select.Item key={s.id} value={s.id}>
                {s.name} ({s.technical_name})
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      )}
    </FormField>
  )
}
