import { Input, Select } from "@medusajs/ui"
import type { FieldValues, Path, UseFormReturn } from "react-hook-form"
import { FormField } from "../common/drawer-form"


/** Expiry in days and lot category of the credits a pack grants. */
export function PackTermsFields<T extends FieldValues>({
  form,
  prefix,
}: {
  form: UseFormReturn<T, unknown, any>
  prefix: string
}) {
  return (
    <div className="grid grid-cols-2 gap-4">
      <FormField form={form} name={"expires_after_days" as Path<T>} id={`${prefix}-expires`} label="Expires after (days)" optional hint="Empty: never">
        {(field) => <Input {...field} inputMode="numeric" />}
      </FormField>
      <FormField form={form} name={"category" as Path<T>} id={`${prefix}-category`} label="Category" hint="Bought credits are usually paid">
        {({ value, onChange, id }) => (
          <Select value={value} onValueChange={onChange}>
            <Select.Trigger id={id}>
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value="paid">Paid</Select.Item>
              <Select.Item value="promotional">Promotional</Select.Item>
            </Select.Content>
          </Select>
        )}
      </FormField>
    </div>
  )
}
