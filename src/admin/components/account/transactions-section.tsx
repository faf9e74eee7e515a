import { ArrowDownTray } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  Heading,
  Text,
  useDataTable,
  type DataTableDateComparisonOperator,
  type DataTableFilteringState,
  type DataTablePaginationState,
} from "@medusajs/ui"
import { useState } from "react"
import { Link } from "react-router-dom"
import { transactionsCsvUrl, useIapTransactions } from "../../hooks/transactions"
import { formatCredits, formatDate, formatSigned } from "../../lib/format"
import type { IapPortalTransactionDTO, IapTransactionType } from "../../../types"
import type { TransactionListQuery } from "../../lib/types"
import { humanize, TransactionTypeBadge } from "../common/badges"
import { ErrorState } from "../common/states"
import { TruncatedText } from "../common/truncated-text"

const PAGE_SIZE = 10
const TYPES: IapTransactionType[] = ["grant", "purchase", "debit", "capture", "expiry", "void", "adjustment", "reversal", "clawback"]
const DAY = 86_400_000
const column = createDataTableColumnHelper<IapPortalTransactionDTO>()
const filter = createDataTableFilterHelper<IapPortalTransactionDTO>()

const columns = [
  column.accessor("created_at", { header: "Date", cell: ({ getValue }) => formatDate(getValue(), true) }),
  column.accessor("type", { header: "Type", cell: ({ getValue }) => <TransactionTypeBadge type={getValue()} /> }),
  column.accessor("amount", {
    header: "Amount",
    align: "right",
    cell: ({ getValue }) => (
      <span className={getValue() < 0 ? "text-ui-fg-error" : getValue() > 0 ? "text-ui-tag-green-text" : ""}>{formatSigned(getValue())}</span>
    ),
  }),
  column.accessor("balance_after", { header: "Balance after", align: "right", cell: ({ getValue }) => formatCredits(getValue()) }),
  column.accessor("description", {
    header: "Description",
    cell: ({ row }) => (
      <span className="flex min-w-0 flex-col">
        <TruncatedText text={row.original.description} />
        {row.original.usage ? (
          <span className="text-ui-fg-subtle txt-compact-small" data-testid="iap-transaction-usage">
            {usageLabel(row.original)}
          </span>
        ) : null}
        {row.original.order_id ? (
          <Link
            to={`/orders/${row.original.order_id}`}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small w-fit"
            data-testid="iap-transaction-order-link"
          >
            View order
          </Link>
        ) : null}
      </span>
    ),
  }),
  column.accessor("actor_type", {
    header: "By",
    cell: ({ row }) => actorLabel(row.original.actor_type),
  }),
]

/** A priced row's usage and rate: "3 sms_part (country DE) · rate v1". */
function usageLabel(t: IapPortalTransactionDTO): string {
  if (!t.usage) return "-"
  const dims = Object.entries(t.usage.dimensions).map(([k, v]) => `${k} ${v}`).join(", ")
  return `${t.usage.quantity} ${t.usage.metric}${dims ? ` (${dims})` : ""}${t.rate_version ? ` · rate v${t.rate_version}` : ""}`
}

/** Who wrote a ledger row: an admin user, the customer, a provider, or the system (jobs, checkout). */
function actorLabel(actorType: string | null): string {
  if (!actorType) return "System"
  if (actorType === "user") return "Admin"
  return humanize(actorType)
}

const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString()

const filters = [
  filter.accessor("type", { type: "multiselect", label: "Type", options: TYPES.map((t) => ({ label: humanize(t), value: t })) }),
  filter.accessor("created_at", {
    type: "date",
    label: "Date",
    format: "date",
    options: [
      { label: "Last 7 days", value: { $gte: daysAgo(7) } },
      { label: "Last 30 days", value: { $gte: daysAgo(30) } },
      { label: "Last 90 days", value: { $gte: daysAgo(90) } },
    ],
  }),
]

/** The account's ledger, newest first, filtered by type and date, with a CSV of the same rows. */
export function TransactionsSection({ accountId }: { accountId: string }) {
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const types = filtering.type as IapTransactionType[] | undefined
  const date = filtering.created_at as DataTableDateComparisonOperator | undefined
  const base: Omit<TransactionListQuery, "limit" | "offset"> = {
    account_id: [accountId],
    type: types?.length ? types : undefined,
    created_at: date && (date.$gte || date.$lte) ? { $gte: date.$gte, $lte: date.$lte } : undefined,
  }
  const { transactions, count, isLoading, isError, error, refetch } = useIapTransactions({
    ...base,
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  })

  const table = useDataTable({
    columns,
    data: transactions ?? [],
    getRowId: (t) => t.id,
    rowCount: count ?? 0,
    isLoading,
    filters,
    filtering: { state: filtering, onFilteringChange: setFiltering },
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="iap-transactions">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-center justify-between gap-x-2 px-6 py-4">
          <div>
            <Heading level="h2">Transactions</Heading>
            <Text size="small" className="text-ui-fg-subtle">The append-only ledger of this account</Text>
          </div>
          <div className="flex items-center gap-x-2">
            <DataTable.FilterMenu tooltip="Filter" />
            <Button size="small" variant="secondary" asChild>
              <a href={transactionsCsvUrl(base)} download data-testid="iap-csv-link">
                <ArrowDownTray />
                CSV
              </a>
            </Button>
          </div>
        </DataTable.Toolbar>
        {isError ? (
          <ErrorState error={error} onRetry={() => refetch()} title="Could not load the transactions" />
        ) : (
          <>
            <DataTable.Table
              emptyState={{
                empty: { heading: "No transactions yet" },
                filtered: { heading: "No matching transactions", description: "Change the filters." },
              }}
            />
            <DataTable.Pagination />
          </>
        )}
      </DataTable>
    </Container>
  )
}
