import { Trash } from "@medusajs/icons"
import { Button, IconButton, Input, Label, Select, Text, toast } from "@medusajs/ui"
import { Controller, useFieldArray, type UseFormReturn } from "react-hook-form"
import { useCreateIapPackProduct } from "../../hooks/packs"
import { useIapServices } from "../../hooks/services"
import { packProductBody } from "../../lib/request-bodies"
import { packProductFormSchema, type PackProductFormValues } from "../../lib/schemas"
import { ChannelPicker } from "../common/channel-picker"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { ServiceSelectField } from "../common/service-select-field"

type Form = UseFormReturn<PackProductFormValues, unknown, PackProductFormValues>

const emptyPack = (currencies: string[]) => ({
  credits: "",
  title: "",
  expires_after_days: "",
  prices: currencies.map((currency_code) => ({ currency_code, amount: "" })),
})

function PackRows({ form, currencies, unit }: { form: Form; currencies: string[]; unit: string }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "packs" })
  // Errors of an array land on its `root` (react-hook-form field arrays).
  const rootError = form.formState.errors.packs?.root?.message ?? form.formState.errors.packs?.message
  return (
    <div className="flex flex-col gap-y-3" data-testid="iap-pack-product-packs">
      <Label size="small" weight="plus">Packs</Label>
      {fields.map((f, i) => {
        const priceError = form.formState.errors.packs?.[i]?.prices?.root?.message ?? form.formState.errors.packs?.[i]?.prices?.message
        return (
          <div key={f.id} className="bg-ui-bg-subtle border-ui-border-base flex flex-col gap-y-3 rounded-lg border p-4" data-testid="iap-pack-product-row">
            <div className="flex items-center justify-between">
              <Text size="small" weight="plus">Pack {i + 1}</Text>
              {fields.length > 1 && (
                <IconButton size="small" variant="transparent" type="button" aria-label={`Remove pack ${i + 1}`} onClick={() => remove(i)}>
                  <Trash />
                </IconButton>
              )}
            </div>
            <div className="grid grid-cols-2 gap-3">
              <FormField form={form} name={`packs.${i}.credits`} id={`pack-product-credits-${i}`} label={`Credits (${unit})`}>
                {(field) => <Input {...field} inputMode="decimal" autoComplete="off" />}
              </FormField>
              <FormField form={form} name={`packs.${i}.expires_after_days`} id={`pack-product-expires-${i}`} label="Expires after (days)" optional>
                {(field) => <Input {...field} inputMode="numeric" placeholder="Never" />}
              </FormField>
            </div>
            <FormField form={form} name={`packs.${i}.title`} id={`pack-product-title-${i}`} label="Variant title" optional hint={`Empty: "<credits> ${unit}"`}>
              {(field) => <Input {...field} />}
            </FormField>
            <div className="grid grid-cols-2 gap-3">
              {currencies.map((code, j) => (
                <FormField key={code} form={form} name={`packs.${i}.prices.${j}.amount`} id={`pack-product-price-${i}-${code}`} label={`Price (${code.toUpperCase()})`} optional>
                  {(field) => <Input {...field} inputMode="decimal" />}
                </FormField>
              ))}
            </div>
            {priceError && (
              <Text size="xsmall" className="text-ui-fg-error" data-testid={`pack-product-prices-${i}-error`}>
                {priceError}
              </Text>
            )}
          </div>
        )
      })}
      {rootError && <Text size="xsmall" className="text-ui-fg-error">{rootError}</Text>}
      <div>
        <Button size="small" variant="secondary" type="button" onClick={() => append(emptyPack(currencies))} data-testid="iap-pack-product-add">
          Add a pack
        </Button>
      </div>
    </div>
  )
}

/**
 * Settings: a product with one variant per pack of a service, priced per store currency and
 * published in the chosen sales channels, in one call (`POST /admin/iap/packs/products`).
 */
export function PackProductDrawer({
  currencies,
  open,
  onOpenChange,
  onCreated,
}: {
  /** The store's currencies (loaded before the drawer opens: each pack gets a price per currency). */
  currencies: string[]
  open: boolean
  onOpenChange: (open: boolean) => void
  onCreated?: (productId: string) => void
}) {
  const create = useCreateIapPackProduct()
  const { services } = useIapServices({ limit: 100, status: "active" })
  const form = useDrawerForm(packProductFormSchema, open, (): PackProductFormValues => ({
    service_id: "",
    title: "",
    status: "published",
    category: "paid",
    sales_channel_ids: [],
    packs: [emptyPack(currencies)],
  }))
  const unit = services?.find((s) => s.id === form.watch("service_id"))?.unit_name ?? "credits"

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="Create pack product"
      description="A product with one variant per credit pack, ready for checkout."
      submitLabel="Create"
      testId="iap-pack-product-drawer"
      submitTestId="iap-pack-product-submit"
      onSubmit={async (v) => {
        const res = await create.mutateAsync(packProductBody(v))
        toast.success(`${res.product.title} created with ${res.packs.length} pack${res.packs.length === 1 ? "" : "s"}`)
        onCreated?.(res.product.id)
      }}
    >
      <ServiceSelectField form={form} name="service_id" id="pack-product-service" />
      <FormField form={form} name="title" id="pack-product-title" label="Product title">
        {(field) => <Input {...field} placeholder="SMS credits" />}
      </FormField>
      <div className="grid grid-cols-2 gap-4">
        <FormField form={form} name="status" id="pack-product-status" label="Status">
          {({ value, onChange, id }) => (
            <Select value={value} onValueChange={onChange}>
              <Select.Trigger id={id}>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="published">Published</Select.Item>
                <Select.Item value="draft">Draft</Select.Item>
              </Select.Content>
            </Select>
          )}
        </FormField>
        <FormField form={form} name="category" id="pack-product-category" label="Credits bought are">
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
      <Controller
        control={form.control}
        name="sales_channel_ids"
        render={({ field }) => (
          <ChannelPicker value={field.value} onChange={field.onChange} hint="The product is sold in the checked channels only." />
        )}
      />
      <PackRows form={form as Form} currencies={currencies} unit={unit} />
    </DrawerForm>
  )
}
