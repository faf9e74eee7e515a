import { Container, Heading, Table, Text } from "@medusajs/ui"
import { formatCredits, formatDate } from "../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../../types"
import { HoldStatusBadge } from "../common/badges"
import { EmptyState } from "../common/states"
import { TruncatedText } from "../common/truncated-text"

/** Pending authorizations (soonest expiry first): what `reserved` is made of. */
export function HoldsSection({ account }: { account: IapPortalAccountDetailDTO }) {
  return (
    <Container className="divide-y p-0" data-testid="iap-holds">
      <div className="px-6 py-4">
        <Heading level="h2">Open holds</Heading>
        <Text size="small" className="text-ui-fg-subtle">Credits reserved by authorizations not yet captured or canceled</Text>
      </div>
      {!account.holds.length ? (
        <EmptyState title="No open holds" />
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Authorized</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Amount</Table.HeaderCell>
                <Table.HeaderCell>Description</Table.HeaderCell>
                <Table.HeaderCell>Expires</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {account.holds.map((hold) => (
                <Table.Row key={hold.id}>
                  <Table.Cell>{formatDate(hold.created_at, true)}</Table.Cell>
                  <Table.Cell className="text-right">{formatCredits(hold.amount, account.unit_name)}</Table.Cell>
                  <Table.Cell>
                    <TruncatedText text={hold.description ?? hold.reference_id} />
                  </Table.Cell>
                  <Table.Cell>{formatDate(hold.expires_at, true)}</Table.Cell>
                  <Table.Cell>
                    <HoldStatusBadge status={hold.status} />
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
