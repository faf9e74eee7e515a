import { Input, Select, Switch, Text, toast } from "@medusajs/ui"
import { useIapAccountPaymentMethods, useRegions, useSaveIapAutoRecharge } from "../../hooks/auto-recharge"
import { useIapPacks } from "../../hooks/packs"
import {
  autoRechargeBody,
  autoRechargeFormDefaults,
  autoRechargeFormSchema,
  paymentMethodKey,
  paymentMethodLabel,
} from "../../lib/auto-recharge-form"
import { formatCredits, formatMoney } from "../../lib/format"
import type { IapAutoRechargeDTO, IapPortalAccountDetailDTO } from "../../../types"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"

/**
 * Sets up or changes an account's auto-recharge from the dashboard: a pack of the account's
 * service, the trigger, monthly caps, one of the customer's saved payment methods and the region
 * that prices the order. Saving re-arms the trigger (docs/auto-recharge.md); the API's refusal
 * (pack, method, region, caps) is shown at the form's foot with its message.
 */
export function AutoRechargeDrawer({
  account,
  settings,
  open,
  onOpenChange,
}: {
  account: IapPortalAccountDetailDTO
  settings: IapAutoRechargeDTO | null
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const save = useSaveIapAutoRecharge(account.id)
  const form = useDrawerForm(autoRechargeFormSchema, open, () => autoRechargeFormDefaults(settings))
  const { packs, isLoading: packsLoading } = useIapPacks({ service_id: [account.service_id], limit: 100 }, { enabled: open })
  const { paymentMethods, isLoading: methodsLoading, isError: methodsError } = useIapAccountPaymentMethods(account.id, { enabled: open })
  const { regions } = useRegions({ enabled: open })
  const sellable = (packs ?? []).filter((p) => p.product_variant)

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title={settings ? "Edit auto-recharge" : "Set up auto-recharge"}
      description="When the available credits drop below the trigger, the pack is bought through a real order, paid off-session with the saved method."
      submitLabel="Save"
      testId="iap-auto-recharge-drawer"
      submitTestId="iap-auto-recharge-submit"
      onSubmit={async (values) => {
        await save.mutateAsync(autoRechargeBody(values))
        toast.success(`Auto-recharge saved: below ${formatCredits(values.trigger.trim(), account.unit_name)}`)
      }}
    >
      <FormField form={form} name="enabled" id="auto-recharge-enabled" label="Enabled">
        {({ value, onChange, id }) => <Switch id={id} checked={value} onCheckedChange={onChange} />}
      </FormField>
      <FormField form={form} name="variant_id" id="auto-recharge-pack" label="Pack" hint={packsLoading ? "Loading packs…" : sellable.length ? undefined : `No pack sells ${account.service_name}`}>
        {({ value, onChange, id }) => (
          <Select value={value || undefined} onValueChange={onChange}>
            <Select.Trigger id={id}>
              <Select.Value placeholder="Choose a pack" />
            </Select.Trigger>
            <Select.Content>
              {sellable.map((p) => (
                <Select.Item key={p.id} value={p.product_variant!.id}>
                  {formatCredits(p.credits, account.unit_name)}
                  {` · ${[p.product_variant!.product?.title, p.product_variant!.title].filter(Boolean).join(" – ")}`}
                  {(p.product_variant!.prices ?? []).map((x) => ` · ${formatMoney(x.amount, x.currency_code)}`).join("")}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        )}
      </FormField>
      <FormField form={form} name="quantity" id="auto-recharge-quantity" label="Quantity" hint="Packs bought per recharge">
        {(field) => <Input {...field} inputMode="numeric" autoComplete="off" />}
      </FormField>
      <FormField form={form} name="trigger" id="auto-recharge-trigger" label={`Trigger (${account.unit_name})`} hint="Recharge when the available credits drop below this">
        {(field) => <Input {...field} inputMode="decimal" autoComplete="off" />}
      </FormField>
      <FormField form={form} name="monthly_count_cap" id="auto-recharge-count-cap" label="Recharges per month" optional hint="Empty: no limit (calendar month, UTC)">
        {(field) => <Input {...field} inputMode="numeric" autoComplete="off" />}
      </FormField>
      <FormField form={form} name="monthly_amount_cap" id="auto-recharge-amount-cap" label="Money per month" optional hint="In the region's currency; empty: no limit">
        {(field) => <Input {...field} inputMode="decimal" autoComplete="off" />}
      </FormField>
      <FormField
        form={form}
        name="payment_method"
        id="auto-recharge-method"
        label="Saved payment method"
        hint={methodsLoading ? "Loading the customer's saved methods…" : methodsError ? undefined : paymentMethods?.length ? undefined : "The customer has no saved payment method yet: a first card payment in the storefront saves one"}
      >
        {({ value, onChange, id }) => (
          <Select value={value || undefined} onValueChange={onChange}>
            <Select.Trigger id={id}>
              <Select.Value placeholder="Choose a saved method" />
            </Select.Trigger>
            <Select.Content>
              {(paymentMethods ?? []).map((m) => (
                <Select.Item key={paymentMethodKey(m)} value={paymentMethodKey(m)}>
                  {paymentMethodLabel(m)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        )}
      </FormField>
      {methodsError && (
        <Text size="xsmall" className="text-ui-fg-error">
          Could not load the customer's saved payment methods.
        </Text>
      )}
      <FormField form={form} name="region_id" id="auto-recharge-region" label="Region" hint="Prices, taxes and currency of the order; it must offer the method's provider">
        {({ value, onChange, id }) => (
          <Select value={value || undefined} onValueChange={onChange}>
            <Select.Trigger id={id}>
              <Select.Value placeholder="Choose a region" />
            </Select.Trigger>
            <Select.Content>
              {(regions ?? []).map((r) => (
                <Select.Item key={r.id} value={r.id}>
                  {r.name} ({r.currency_code.toUpperCase()})
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        )}
      </FormField>
    </DrawerForm>
  )
}
