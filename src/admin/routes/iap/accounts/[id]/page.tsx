import { ArrowUturnLeft, Plus } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { Link, useParams } from "react-router-dom"
import { AccessSection } from "../../../../components/account/access-section"
import { AutoRechargeSection } from "../../../../components/account/auto-recharge-section"
import { AdjustDrawer } from "../../../../components/account/adjust-drawer"
import { BalanceCards } from "../../../../components/account/balance-cards"
import { ConsumptionChart } from "../../../../components/account/consumption-chart"
import { GrantDrawer } from "../../../../components/account/grant-drawer"
import { HoldsSection } from "../../../../components/account/holds-section"
import { LotsSection } from "../../../../components/account/lots-section"
import { TransactionsSection } from "../../../../components/account/transactions-section"
import { WarningSection } from "../../../../components/account/warning-section"
import { AccountStateBadge } from "../../../../components/common/badges"
import { ErrorState, LoadingState } from "../../../../components/common/states"
import { useIapAccount } from "../../../../hooks/accounts"
import { errorStatus } from "../../../../lib/errors"
import { holderLabel } from "../../../../lib/format"
import type { IapPortalAccountDetailDTO } from "../../../../../types"

function Header({ account, onGrant, onAdjust }: { account: IapPortalAccountDetailDTO; onGrant: () => void; onAdjust: () => void }) {
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4 md:flex-row md:items-center md:justify-between">
      <div className="flex min-w-0 flex-col gap-y-1">
        <div className="flex items-center gap-x-2">
          <Heading level="h1" data-testid="iap-account-heading">{account.service_name} account</Heading>
          <AccountStateBadge state={account.state} />
        </div>
        <Text size="small" className="text-ui-fg-subtle">
          {account.customer_id ? (
            <>
              Held by{" "}
              <Link to={`/customers/${account.customer_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                {holderLabel(account)}
              </Link>
            </>
          ) : (
            "Held by the store"
          )}
          {" · "}
          <span className="font-mono break-all">{account.id}</span>
        </Text>
      </div>
      <div className="flex items-center gap-x-2">
        <Button size="small" variant="secondary" onClick={onAdjust} data-testid="iap-adjust-open">
          Adjust
        </Button>
        <Button size="small" onClick={onGrant} data-testid="iap-grant-open">
          <Plus />
          Grant credits
        </Button>
      </div>
    </Container>
  )
}

/** One IAP account: balances, consumption, lots, holds, ledger and settings. */
const IapAccountPage = () => {
  const { id } = useParams()
  const { account, isLoading, isError, error, refetch } = useIapAccount(id!)
  const [grantOpen, setGrantOpen] = useState(false)
  const [adjustOpen, setAdjustOpen] = useState(false)

  const back = (
    <Link to="/iap" className="text-ui-fg-subtle hover:text-ui-fg-base txt-compact-small flex w-fit items-center gap-x-1">
      <ArrowUturnLeft />
      Credits
    </Link>
  )

  if (isLoading) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="p-0">
          <LoadingState rows={6} label="Loading the account" />
        </Container>
      </div>
    )
  }
  if (isError || !account) {
    return (
      <div className="flex flex-col gap-y-3">
        {back}
        <Container className="p-0">
          <ErrorState
            error={error}
            onRetry={errorStatus(error) === 404 ? undefined : () => refetch()}
            title={errorStatus(error) === 404 ? "This account does not exist" : "Could not load the account"}
          />
        </Container>
      </div>
    )
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="iap-account-page">
      {back}
      <Header account={account} onGrant={() => setGrantOpen(true)} onAdjust={() => setAdjustOpen(true)} />
      {/* The dashboard's two-column page: the main column may shrink (min-w-0) so a long cell
          never pushes the fixed-width sidebar off-screen; under xl the sidebar goes below. */}
      <div className="flex w-full flex-col items-start gap-x-4 gap-y-3 xl:grid xl:grid-cols-[minmax(0,_1fr)_440px]">
        <div className="flex w-full min-w-0 flex-col gap-y-3" data-testid="iap-account-main">
          <BalanceCards account={account} />
          <ConsumptionChart accountId={account.id} unit={account.unit_name} />
          <TransactionsSection accountId={account.id} />
          <LotsSection account={account} />
          <HoldsSection account={account} />
          <AutoRechargeSection account={account} />
        </div>
        <div className="flex w-full min-w-0 flex-col gap-y-3" data-testid="iap-account-sidebar">
          <AccessSection account={account} />
          <WarningSection account={account} />
        </div>
      </div>
      <GrantDrawer account={account} open={grantOpen} onOpenChange={setGrantOpen} />
      <AdjustDrawer account={account} open={adjustOpen} onOpenChange={setAdjustOpen} />
    </div>
  )
}

export const handle = {
  breadcrumb: () => "Account",
}

export default IapAccountPage
