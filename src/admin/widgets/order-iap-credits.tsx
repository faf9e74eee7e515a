import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminOrder, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { LotStatusBadge } from "../components/common/badges"
import { ErrorState, LoadingState } from "../components/common/states"
import { useOrderIapCredits } from "../hooks/orders"
import { formatCredits, formatDate } from "../lib/format"
import type { AdminIapOrderCreditLot } from "../../types/http"

function LotRow({ lot }: { lot: AdminIapOrderCreditLot }) {
  const unit = lot.unit_name ?? "credits"
  const spent = lot.initial_amount - lot.remaining
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="iap-order-lot">
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" leading="compact">
          {formatCredits(lot.initial_amount, unit)}
        </Text>
        <LotStatusBadge status={lot.status} remaining={lot.remaining} />
      </div>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">
        {lot.service_name ?? lot.service ?? "Service"} · {formatDate(lot.created_at)}
        {lot.status === "available" && spent > 0 ? ` · ${formatCredits(lot.remaining)} left` : ""}
        {lot.status === "pending" ? " · available once the payment is captured" : ""}
        {lot.status === "voided" && spent > 0 ? ` · ${formatCredits(spent)} had been used` : ""}
        {lot.expires_at ? ` · expires ${formatDate(lot.expires_at)}` : ""}
      </Text>
      {lot.clawbacks.length > 0 ? (
        <div className="grid grid-cols-3 gap-x-2" data-testid="iap-order-lot-clawback">
          <Figure label="Granted" value={formatCredits(lot.granted, unit)} />
          <Figure label="Clawed back" value={formatCredits(lot.clawed_back, unit)} />
          <Figure label={lot.debt > 0 ? "Now owed" : "Shortfall"} value={formatCredits(lot.debt > 0 ? lot.debt : lot.shortfall, unit)} />
        </div>
      ) : null}
      {lot.clawbacks.map((c) => (
        <Text key={c.id} size="xsmall" leading="compact" className="text-ui-fg-muted">
          {formatDate(c.created_at)} · {c.reference_type === "return" ? "Return" : "Refund"} {c.reference_id}:{" "}
          {c.voided_pending ? "pending credits voided" : `${formatCredits(c.clawed + c.debt)} taken back`}
          {c.shortfall > 0 ? `, ${formatCredits(c.shortfall)} already used` : ""}
          {c.debt > 0 ? `, ${formatCredits(c.debt)} owed` : ""}
        </Text>
      ))}
      <Link
        to={`/iap/accounts/${lot.account_id}`}
        className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small w-fit"
      >
        View account
      </Link>
    </div>
  )
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex flex-col">
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        {label}
      </Text>
      <Text size="small" weight="plus" leading="compact">
        {value}
      </Text>
    </div>
  )
}

/**
 * Order page (side column): the credits this order's packs granted and their status, and per
 * line what refunds and returns took back (clawed back, and the used part: shortfall or debt).
 * Orders without credit packs show nothing.
 */
const OrderIapCreditsWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const { lots, isLoading, isError, error, refetch } = useOrderIapCredits(order.id)
  if (!isLoading && !isError && !lots?.length) return null
  return (
    <Container className="divide-y p-0" data-testid="iap-order-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Credits granted</Heading>
      </div>
      {isLoading ? (
        <LoadingState rows={2} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credits of this order" />
      ) : (
        (lots ?? []).map((lot) => <LotRow key={lot.id} lot={lot} />)
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default OrderIapCreditsWidget
