import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Eye, Plus } from "@medusajs/icons"
import { Button, Container, Heading, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { useNavigate } from "react-router-dom"
import { CreateAccountDrawer } from "../components/account/create-account-drawer"
import { CustomerGrantDrawer } from "../components/account/customer-grant-drawer"
import { ActionMenu } from "../components/common/action-menu"
import { AccountStateBadge } from "../components/common/badges"
import { EmptyState, ErrorState, LoadingState } from "../components/common/states"
import { useIapAccounts } from "../hooks/accounts"
import { formatCredits, restrictionLabel } from "../lib/format"

/**
 * Customer page: the customer's IAP accounts with balances; grant credits of any service (an
 * account is opened when there is none) and open an account with its own settings.
 */
const CustomerIapAccountsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const navigate = useNavigate()
  const { accounts, isLoading, isError, error, refetch } = useIapAccounts({ customer_id: [customer.id], limit: 50 })
  const [grant, setGrant] = useState<{ open: boolean; serviceId?: string }>({ open: false })
  const [createOpen, setCreateOpen] = useState(false)
  return (
    <Container className="divide-y p-0" data-testid="iap-customer-widget">
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <div>
          <Heading level="h2">In-App Purchase credits</Heading>
          <Text size="small" className="text-ui-fg-subtle">Prepaid credits of this customer, per service</Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={() => setCreateOpen(true)} data-testid="iap-customer-create-account">
            Create account
          </Button>
          <Button size="small" variant="secondary" onClick={() => setGrant({ open: true })} data-testid="iap-customer-grant">
            <Plus />
            Grant credits
          </Button>
        </div>
      </div>
      {isLoading ? (
        <LoadingState rows={2} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit accounts" />
      ) : !accounts?.length ? (
        <EmptyState title="No credit accounts" description="Grant credits or create an account; one also opens when the customer buys or uses a service." />
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Service</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Balance</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Available</Table.HeaderCell>
                <Table.HeaderCell>State</Table.HeaderCell>
                <Table.HeaderCell>Sales channels</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {accounts.map((a) => (
                <Table.Row key={a.id} data-testid="iap-customer-account-row">
                  <Table.Cell>{a.service_name}</Table.Cell>
                  <Table.Cell className="text-right">{formatCredits(a.balance, a.unit_name)}</Table.Cell>
                  <Table.Cell className="text-right">{formatCredits(a.available, a.unit_name)}</Table.Cell>
                  <Table.Cell>
                    <AccountStateBadge state={a.state} />
                  </Table.Cell>
                  <Table.Cell>{restrictionLabel(a)}</Table.Cell>
                  <Table.Cell className="text-right">
                    <ActionMenu
                      testId="iap-customer-account-actions"
                      groups={[
                        [
                          { label: "View", icon: <Eye />, onClick: () => navigate(`/iap/accounts/${a.id}`) },
                          { label: "Grant credits", icon: <Plus />, onClick: () => setGrant({ open: true, serviceId: a.service_id }) },
                        ],
                      ]}
                    />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <CustomerGrantDrawer
        customer={customer}
        accounts={accounts ?? []}
        serviceId={grant.serviceId}
        open={grant.open}
        onOpenChange={(open) => setGrant((g) => ({ ...g, open }))}
      />
      <CreateAccountDrawer customer={customer} open={createOpen} onOpenChange={setCreateOpen} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerIapAccountsWidget
