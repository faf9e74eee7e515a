import { XCircle } from "@medusajs/icons"
import { Container, Heading, Table, Text, toast, usePrompt } from "@medusajs/ui"
import { useVoidIapLot } from "../../hooks/accounts"
import { errorMessage } from "../../lib/errors"
import { formatCredits, formatDate } from "../../lib/format"
import type { IapCreditLotDTO, IapPortalAccountDetailDTO } from "../../../types"
import { ActionMenu } from "../common/action-menu"
import { humanize, LotStatusBadge } from "../common/badges"
import { newIdempotencyKey } from "../common/form"
import { EmptyState } from "../common/states"

/** Every lot of the account (newest first): status, remaining, expiry; void what remains. */
export function LotsSection({ account }: { account: IapPortalAccountDetailDTO }) {
  const prompt = usePrompt()
  const voidLot = useVoidIapLot(account.id)

  const onVoid = async (lot: IapCreditLotDTO) => {
    const ok = await prompt({
      title: "Void the rest of this lot?",
      description: `${formatCredits(lot.remaining - lot.reserved, account.unit_name)} will be removed from the balance. Credits already used stay used.`,
      confirmText: "Void",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      const res = await voidLot.mutateAsync({ lot_id: lot.id, note: "Voided from the admin", idempotency_key: newIdempotencyKey("admin-void") })
      toast.success(`Voided ${formatCredits(res.voided ?? lot.remaining, account.unit_name)}`)
    } catch (e) {
      toast.error("Could not void the lot", { description: errorMessage(e) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="iap-lots">
      <div className="px-6 py-4">
        <Heading level="h2">Lots</Heading>
        <Text size="small" className="text-ui-fg-subtle">One per grant or purchase; debits draw the soonest-expiring first</Text>
      </div>
      {!account.lots.length ? (
        <EmptyState title="No lots" description="Grant credits or sell a pack to create one." />
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Created</Table.HeaderCell>
                <Table.HeaderCell>Source</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Granted</Table.HeaderCell>
                <Table.HeaderCell className="text-right">Remaining</Table.HeaderCell>
                <Table.HeaderCell>Expires</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {account.lots.map((lot) => (
                <Table.Row key={lot.id} data-testid="iap-lot-row" data-lot-id={lot.id}>
                  <Table.Cell>{formatDate(lot.created_at, true)}</Table.Cell>
                  <Table.Cell>
                    {humanize(lot.source_type)} · {humanize(lot.category)}
                  </Table.Cell>
                  <Table.Cell className="text-right">{formatCredits(lot.initial_amount)}</Table.Cell>
                  <Table.Cell className="text-right">
                    {formatCredits(lot.remaining)}
                    {lot.reserved ? <span className="text-ui-fg-muted"> ({formatCredits(lot.reserved)} held)</span> : null}
                  </Table.Cell>
                  <Table.Cell>{lot.expires_at ? formatDate(lot.expires_at, true) : "Never"}</Table.Cell>
                  <Table.Cell>
                    <LotStatusBadge status={lot.status} remaining={lot.remaining} />
                  </Table.Cell>
                  <Table.Cell className="text-right">
                    <ActionMenu
                      testId="iap-lot-actions"
                      groups={[
                        (lot.status === "available" || lot.status === "pending") && lot.remaining > 0
                          ? [{ label: "Void", icon: <XCircle />, onClick: () => onVoid(lot), disabled: voidLot.isPending, testId: "iap-lot-void" }]
                          : [],
                      ]}
                    />
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
