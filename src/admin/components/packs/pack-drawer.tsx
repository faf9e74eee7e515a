import { Input, toast } from "@medusajs/ui"
import { useCreateIapPacks, useUpdateIapPack } from "../../hooks/packs"
import { useIapServices } from "../../hooks/services"
import { formatCredits, leadingNumber } from "../../lib/format"
import { packFormSchema, toDays, type PackFormValues } from "../../lib/schemas"
import type { AdminIapCreditPack } from "../../../types/http"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { ServiceSelectField } from "../common/service-select-field"
import { PackTermsFields } from "./pack-fields"

/**
 * Makes one variant a credit pack, or edits a pack's credits, expiry and category (what later
 * purchases grant; lots already bought keep theirs). The service of a pack is fixed once made.
 */
export function PackDrawer({
  variant,
  pack,
  open,
  onOpenChange,
}: {
  variant: { id: string; title: string | null }
  pack?: AdminIapCreditPack | null
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const create = useCreateIapPacks()
  const update = useUpdateIapPack(pack?.id ?? "")
  const { services } = useIapServices({ limit: 100, status: "active" })
  const form = useDrawerForm(packFormSchema, open, (): PackFormValues => ({
    service_id: pack?.service_id ?? "",
    credits: pack ? String(pack.credits) : leadingNumber(variant.title),
    expires_after_days: pack?.expires_after_days ? String(pack.expires_after_days) : "",
    category: pack?.category ?? "paid",
  }))
  const unit = pack?.service?.unit_name ?? services?.find((s) => s.id === form.watch("service_id"))?.unit_name ?? "credits"

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title={pack ? "Edit credit pack" : "Sell as a credit pack"}
      description={
        pack
          ? "Applies to later purchases; credits already bought keep their terms."
          : `Each unit of ${variant.title ?? "this variant"} bought grants these credits.`
      }
      submitLabel={pack ? "Save" : "Make it a pack"}
      testId="iap-pack-drawer"
      submitTestId="iap-pack-submit"
      onSubmit={async (v) => {
        const terms = { credits: v.credits.trim(), expires_after_days: toDays(v.expires_after_days) ?? null, category: v.category }
        if (pack) await update.mutateAsync(terms)
        else await create.mutateAsync([{ service_id: v.service_id, variant_id: variant.id, ...terms }])
        toast.success(pack ? "Credit pack saved" : `${variant.title ?? "The variant"} now sells ${formatCredits(terms.credits, unit)}`)
      }}
    >
      <ServiceSelectField form={form} name="service_id" id="pack-service" disabled={!!pack} hint={pack ? "A pack's service cannot change" : undefined} />
      <FormField form={form} name="credits" id="pack-credits" label={`Credits per unit (${unit})`}>
        {(field) => <Input {...field} inputMode="decimal" autoComplete="off" />}
      </FormField>
      <PackTermsFields form={form} prefix="pack" />
    </DrawerForm>
  )
}
