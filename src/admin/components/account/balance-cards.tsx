import { Container, Text } from "@medusajs/ui"
import { formatCredits } from "../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../../types"

function Card({ label, value, note, testId }: { label: string; value: string; note?: string | null; testId: string }) {
  return (
    <Container className="flex flex-col gap-y-1 px-6 py-4" data-testid={testId}>
      <Text size="small" leading="compact" className="text-ui-fg-subtle">{label}</Text>
      <Text size="xlarge" weight="plus" className="text-ui-fg-base" data-testid={`${testId}-value`}>
        {value}
      </Text>
      <Text size="xsmall" className="text-ui-fg-muted">{note || "\u00a0"}</Text>
    </Container>
  )
}

/** Balance, reserved and available credits, with pending purchases, debt and overdraft noted. */
export function BalanceCards({ account }: { account: IapPortalAccountDetailDTO }) {
  const unit = account.unit_name
  const balanceNotes = [
    account.pending ? `${formatCredits(account.pending)} pending payment` : null,
    account.debt ? `${formatCredits(account.debt)} debt` : null,
  ].filter(Boolean)
  return (
    <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
      <Card testId="iap-balance" label="Balance" value={formatCredits(account.balance, unit)} note={balanceNotes.join(" · ")} />
      <Card
        testId="iap-reserved"
        label="Reserved"
        value={formatCredits(account.reserved, unit)}
        note={account.holds.length ? `${account.holds.length} open hold${account.holds.length === 1 ? "" : "s"}` : "No open holds"}
      />
      <Card
        testId="iap-available"
        label="Available"
        value={formatCredits(account.available, unit)}
        note={account.overdraft_limit ? `including ${formatCredits(account.overdraft_limit)} overdraft` : "Balance minus reserved"}
      />
    </div>
  )
}
