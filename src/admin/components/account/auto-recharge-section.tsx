import { PencilSquare } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { useDeleteIapAutoRecharge, useIapAutoRecharge, useToggleIapAutoRecharge } from "../../hooks/auto-recharge"
import { useIapPacks } from "../../hooks/packs"
import { errorMessage } from "../../lib/errors"
import { formatCredits, formatDate, formatMoney } from "../../lib/format"
import type { IapPortalAccountDetailDTO, IapRechargeDTO } from "../../../types"
import { EmptyState, ErrorState, LoadingState, SectionRow } from "../common/states"
import { AutoRechargeDrawer } from "./auto-recharge-drawer"

const STATUS_COLOR: Record<IapRechargeDTO["status"], "green" | "red" | "orange" | "grey" | "blue"> = {
  succeeded: "green",
  failed: "red",
  requires_action: "orange",
  capped: "grey",
  canceled: "grey",
  pending: "blue",
  processing: "blue",
}

function Attempts({ recharges, unit }: { recharges: IapRechargeDTO[]; unit: string }) {
  if (!recharges.length) return <EmptyState title="No recharge yet" description="Attempts appear here when the trigger fires." />
  return (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Started</Table.HeaderCell>
          <Table.HeaderCell>Attempt</Table.HeaderCell>
          <Table.HeaderCell>Status</Table.HeaderCell>
          <Table.HeaderCell>Credits</Table.HeaderCell>
          <Table.HeaderCell>Amount</Table.HeaderCell>
          <Table.HeaderCell>Order / error</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {recharges.map((r) => (
          <Table.Row key={r.id} data-testid="iap-recharge-row">
            <Table.Cell>{formatDate(r.created_at, true)}</Table.Cell>
            <Table.Cell>{r.attempt}</Table.Cell>
            <Table.Cell>
              <Badge size="2xsmall" color={STATUS_COLOR[r.status]}>{r.status.replace("_", " ")}</Badge>
            </Table.Cell>
            <Table.Cell>{formatCredits(r.credits, unit)}</Table.Cell>
            <Table.Cell>{r.amount === null ? "-" : formatMoney(r.amount, r.currency_code)}</Table.Cell>
            <Table.Cell>
              {r.order_id ? (
                <Link to={`/orders/${r.order_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                  {r.order_id}
                </Link>
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  {r.error ?? "-"}
                  {r.next_attempt_at ? ` · retry ${formatDate(r.next_attempt_at, true)}` : ""}
                </Text>
              )}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

/**
 * The account's auto-recharge: settings as the customer or an admin set them (the drawer picks
 * one of the customer's saved payment methods), on/off, and the recent attempts with their
 * orders. A store account has no saved payment method, so it has no auto-recharge.
 */
export function AutoRechargeSection({ account }: { account: IapPortalAccountDetailDTO }) {
  const { autoRecharge: s, recharges, isLoading, isError, error, refetch } = useIapAutoRecharge(account.id)
  const toggle = useToggleIapAutoRecharge(account.id)
  const remove = useDeleteIapAutoRecharge(account.id)
  const [editing, setEditing] = useState(false)
  const { packs } = useIapPacks({ variant_id: s ? [s.variant_id] : [] }, { enabled: !!s })
  const pack = packs?.find((p) => p.product_variant?.id === s?.variant_id)
  const canSetUp = account.customer_id !== null

  const onToggle = async () => {
    try {
      await toggle.mutateAsync({ ...s!, enabled: !s!.enabled })
      toast.success(s!.enabled ? "Auto-recharge switched off" : "Auto-recharge switched on")
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }
  const onRemove = async () => {
    try {
      await remove.mutateAsync()
      toast.success("Auto-recharge removed")
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="iap-auto-recharge">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Auto-recharge</Heading>
        {canSetUp && !isLoading && !isError && (
          <div className="flex items-center gap-x-2">
            <Button size="small" variant="secondary" onClick={() => setEditing(true)} data-testid="iap-auto-recharge-edit">
              <PencilSquare />
              {s ? "Edit" : "Set up"}
            </Button>
            {s && (
              <>
                <Button size="small" variant="secondary" onClick={onToggle} isLoading={toggle.isPending} data-testid="iap-auto-recharge-toggle">
                  {s.enabled ? "Switch off" : "Switch on"}
                </Button>
                <Button size="small" variant="danger" onClick={onRemove} isLoading={remove.isPending}>
                  Remove
                </Button>
              </>
            )}
          </div>
        )}
      </div>
      {isLoading ? (
        <LoadingState rows={3} label="Loading auto-recharge" />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load auto-recharge" />
      ) : !s ? (
        <EmptyState
          title="Off"
          description={
            canSetUp
              ? "Set it up here with one of the customer's saved payment methods, or the customer does in the storefront."
              : "The store's own account has no saved payment method to recharge with."
          }
        />
      ) : (
        <>
          <SectionRow
            title="Status"
            testId="iap-auto-recharge-status"
            value={!s.enabled ? `Off${s.disabled_reason ? ` (${s.disabled_reason})` : ""}` : s.armed ? "On: recharges on the next drop below" : "On: waiting for credits back above the trigger"}
          />
          <SectionRow title="Trigger" testId="iap-auto-recharge-trigger" value={`Below ${formatCredits(s.trigger, account.unit_name)}`} />
          <SectionRow
            title="Buys"
            testId="iap-auto-recharge-buys"
            value={
              pack
                ? `${s.quantity} × ${formatCredits(pack.credits, account.unit_name)} (${[pack.product_variant?.product?.title, pack.product_variant?.title].filter(Boolean).join(" – ")})`
                : `${s.quantity} × pack ${s.variant_id}`
            }
          />
          <SectionRow
            title="Monthly cap"
            testId="iap-auto-recharge-cap"
            value={[s.monthly_count_cap && `${s.monthly_count_cap} recharges`, s.monthly_amount_cap && formatMoney(s.monthly_amount_cap, s.currency_code)].filter(Boolean).join(" · ") || "None"}
          />
          <SectionRow title="Payment" testId="iap-auto-recharge-payment" value={`${s.payment_method_id} (${s.provider_id})`} />
          <Attempts recharges={recharges ?? []} unit={account.unit_name} />
        </>
      )}
      {canSetUp && <AutoRechargeDrawer account={account} settings={s} open={editing} onOpenChange={setEditing} />}
    </Container>
  )
}
