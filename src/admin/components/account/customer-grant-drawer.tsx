import { toast } from "@medusajs/ui"
import { useCreateIapAccount, useGrantIapCredits } from "../../hooks/accounts"
import { useIapServices } from "../../hooks/services"
import { ServiceSelectField } from "../common/service-select-field"
import { formatCredits } from "../../lib/format"
import { customerGrantFormSchema, type CustomerGrantFormValues } from "../../lib/schemas"
import type { IapPortalAccountDTO } from "../../../types"
import { DrawerForm, FormField, useDrawerForm } from "../common/drawer-form"
import { useIdempotencyKey } from "../common/form"
import { grantBody } from "../../lib/request-bodies"
import { GrantFields } from "./grant-drawer"

/**
 * The account a grant for `serviceId` goes to, as the API resolves one without a sales channel:
 * the holder's unrestricted account, else the newest restricted one; closed accounts never.
 *
 * @example
 * accountForGrant(accounts, "iapsvc_1")?.id
 */
export function accountForGrant(accounts: IapPortalAccountDTO[], serviceId: string): IapPortalAccountDTO | undefined {
  const open = accounts.filter((a) => a.service_id === serviceId && a.state !== "closed")
  return (
    open.find((a) => !a.sales_channel_ids.length) ??
    [...open].sort((a, b) => b.created_at.localeCompare(a.created_at))[0]
  )
}

/**
 * Grants credits of any service to a customer from the customer's page. With no account for
 * that service yet, an unrestricted one is opened first (its token can be rotated later),
 * so an admin never needs the API to give a customer credits.
 */
export function CustomerGrantDrawer({
  customer,
  accounts,
  serviceId,
  open,
  onOpenChange,
}: {
  customer: { id: string; email: string | null }
  accounts: IapPortalAccountDTO[]
  /** Preselects a service (a row's action). */
  serviceId?: string
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { services } = useIapServices({ limit: 100, status: "active" })
  const create = useCreateIapAccount()
  const grant = useGrantIapCredits()
  const idem = useIdempotencyKey("admin-grant", open)
  const form = useDrawerForm(customerGrantFormSchema, open, (): CustomerGrantFormValues => ({
    service_id: serviceId ?? "",
    amount: "",
    note: "",
    category: "promotional",
    expires_after_days: "",
  }))
  const service = services?.find((s) => s.id === form.watch("service_id"))
  const target = service ? accountForGrant(accounts, service.id) : undefined

  return (
    <DrawerForm
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      title="Grant credits"
      description={`Credits for ${customer.email ?? customer.id}, as a new lot.`}
      submitLabel="Grant"
      testId="iap-customer-grant-drawer"
      submitTestId="iap-customer-grant-submit"
      onSubmit={async (values) => {
        let account = accountForGrant(accounts, values.service_id)
        const opened = !account
        if (!account) {
          account = (await create.mutateAsync({ service_id: values.service_id, customer_id: customer.id })).account
        }
        const { service_id: _service, ...rest } = values
        const res = await grant.mutateAsync({ ...grantBody(rest, idem.key), account_id: account.id }).catch(idem.renewAndThrow)
        toast.success(`Granted ${formatCredits(values.amount.trim(), account.unit_name)}`, {
          description: `${opened ? "New account opened. " : ""}Balance: ${formatCredits(res.account.balance, account.unit_name)}`,
        })
      }}
    >
      <ServiceSelectField form={form} name="service_id" id="customer-grant-service"
        hint={service ? (target ? `To the account with ${formatCredits(target.balance, target.unit_name)}` : "No account yet: one is opened for this customer") : undefined}
      />
      {/* The grant fields of a form that also has a service: the same names and rules. */}
      <GrantFields form={form as never} unit={service?.unit_name ?? "credits"} integer={service?.integer_credits ?? false} />
    </DrawerForm>
  )
}
