import { Input, Text, toast } from "@medusajs/ui"
import { useCreateIapPacks } from "../../hooks/packs"
import { useIapServices } from "../../hooks/services"
import { leadingNumber } from "../../lib/format"
import { sellPacksBody } from "../../lib/request-bodies"
import { sellPacksFormSchema, type SellPacksFormValues } from "../../lib/schemas"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { ServiceSelectField } from "../common/service-select-field"
import { PackTermsFields } from "./pack-fields"

/**
 * Product page: sells some of a product's variants as credit packs of one service, each with
 * its own credits (prefilled from a title such as "500 SMS"); a variant left empty stays a
 * plain variant.
 */
export function SellPacksDrawer({
  variants,
  open,
  onOpenChange,
}: {
  /** The variants that are not packs yet. */
  variants: { id: string; title: string | null }[]
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const create = useCreateIapPacks()
  const { services } = useIapServices({ limit: 100, status: "active" })
  const form = useDrawerForm(sellPacksFormSchema, open, (): SellPacksFormValues => ({
    service_id: "",
    expires_after_days: "",
    category: "paid",
    variants: variants.map((v) => ({ variant_id: v.id, title: v.title ?? v.id, credits: leadingNumber(v.title) })),
  }))
  const unit = services?.find((s) => s.id === form.watch("service_id"))?.unit_name ?? "credits"
  // Errors of an array land on its `root` (react-hook-form field arrays).
  const rootError = form.formState.errors.variants?.root?.message ?? form.formState.errors.variants?.message

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="Sell as credit packs"
      description="Each unit of a variant bought grants its credits of the service."
      submitLabel="Create packs"
      testId="iap-sell-packs-drawer"
      submitTestId="iap-sell-packs-submit"
      onSubmit={async (v) => {
        const made = await create.mutateAsync(sellPacksBody(v))
        toast.success(`${made.length} credit pack${made.length === 1 ? "" : "s"} created`)
      }}
    >
      <ServiceSelectField form={form} name="service_id" id="sell-packs-service" />
      <div className="flex flex-col gap-y-3" data-testid="iap-sell-packs-variants">
        <Text size="small" weight="plus">Credits per unit ({unit})</Text>
        {variants.map((v, i) => (
          <FormField key={v.id} form={form} name={`variants.${i}.credits`} id={`sell-packs-credits-${i}`} label={v.title ?? v.id} optional>
            {(field) => <Input {...field} inputMode="decimal" autoComplete="off" placeholder="Not a pack" />}
          </FormField>
        ))}
        {rootError && (
          <Text size="xsmall" className="text-ui-fg-error" data-testid="sell-packs-variants-error">
            {rootError}
          </Text>
        )}
      </div>
      <PackTermsFields form={form} prefix="sell-packs" />
    </DrawerForm>
  )
}
