import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Table, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { AccountStateBadge } from "../components/common/badges"
import { EmptyState, ErrorState, LoadingState } from "../components/common/states"
import { useIapAccounts } from "../hooks/accounts"
import { formatCredits, restrictionLabel } from "../lib/format"

/** Customer page: the customer's IAP accounts with balances, each linking to its account page. */
const CustomerIapAccountsWidget = ({ data: customer }: DetailWidgetProps<AdminCustomer>) => {
  const { accounts, isLoading, isError, error, refetch } = useIapAccounts({ customer_id: [customer.id], limit: 50 })
  return (
    <Container className="divide-y p-0" data-testid="iap-customer-widget">
      <div className="px-6 py-4">
        <Heading level="h2">In-App Purchase credits</Heading>
        <Text size="small" className="text-ui-fg-subtle">Prepaid credits of this customer, per service</Text>
      </div>
      {isLoading ? (
        <LoadingState rows={2} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit accounts" />
      ) : !accounts?.length ? (
        <EmptyState title="No credit accounts" description="One is opened when the customer buys or uses a service." />
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
                    <Link to={`/settings/iap/accounts/${a.id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small">
                      View
                    </Link>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerIapAccountsWidget
