import { Plus } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  createDataTableFilterHelper,
  DataTable,
  Heading,
  Text,
  useDataTable,
  type DataTableFilteringState,
  type DataTablePaginationState,
  type DataTableSortingState,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import { useIapAccounts } from "../../hooks/accounts"
import { useSalesChannels } from "../../hooks/sales-channels"
import { useIapServices } from "../../hooks/services"
import { formatCredits, formatDate, holderLabel, restrictionLabel } from "../../lib/format"
import type { AccountListQuery } from "../../lib/types"
import type { IapAccountState, IapPortalAccountDTO } from "../../../types"
import { CreateAccountDrawer } from "./create-account-drawer"
import { AccountStateBadge } from "../common/badges"
import { ErrorState } from "../common/states"

const PAGE_SIZE = 20
const ACCOUNT_PATH = "/iap/accounts"
const column = createDataTableColumnHelper<IapPortalAccountDTO>()
const filter = createDataTableFilterHelper<IapPortalAccountDTO>()

const columns = [
  column.accessor("customer_id", {
    header: "Holder",
    cell: ({ row }) => (
      <div className="flex flex-col">
        <Text size="small" leading="compact" weight="plus">{holderLabel(row.original)}</Text>
        {row.original.customer?.company_name && (
          <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">{row.original.customer.company_name}</Text>
        )}
      </div>
    ),
  }),
  column.accessor("service_name", { header: "Service" }),
  column.accessor("balance", {
    header: "Balance",
    align: "right",
    enableSorting: true,
    sortLabel: "Balance",
    sortAscLabel: "Lowest first",
    sortDescLabel: "Highest first",
    cell: ({ row }) => formatCredits(row.original.balance, row.original.unit_name),
  }),
  column.accessor("reserved", { header: "Reserved", align: "right", cell: ({ getValue }) => formatCredits(getValue()) }),
  column.accessor("available", { header: "Available", align: "right", cell: ({ getValue }) => formatCredits(getValue()) }),
  column.accessor("state", { header: "State", cell: ({ getValue }) => <AccountStateBadge state={getValue()} /> }),
  column.accessor("sales_channel_ids", {
    header: "Restriction",
    cell: ({ row }) => (
      <span className={row.original.sales_channel_ids.length ? "" : "text-ui-fg-muted"}>{restrictionLabel(row.original)}</span>
    ),
  }),
  column.accessor("created_at", {
    header: "Created",
    enableSorting: true,
    sortLabel: "Created",
    sortAscLabel: "Oldest first",
    sortDescLabel: "Newest first",
    cell: ({ getValue }) => formatDate(getValue()),
  }),
]

/** Every IAP account: search by customer email, filter, sort by balance, open one. */
export function AccountsSection() {
  const navigate = useNavigate()
  const [createOpen, setCreateOpen] = useState(false)
  const [search, setSearch] = useState("")
  const [filtering, setFiltering] = useState<DataTableFilteringState>({})
  const [sorting, setSorting] = useState<DataTableSortingState | null>(null)
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const { services } = useIapServices({ limit: 100 })
  const { salesChannels } = useSalesChannels()

  const filters = useMemo(
    () => [
      filter.accessor("service_id", {
        type: "multiselect",
        label: "Service",
        options: (services ?? []).map((s) => ({ label: s.name, value: s.id })),
      }),
      filter.accessor("state", {
        type: "multiselect",
        label: "State",
        options: [
          { label: "Active", value: "active" },
          { label: "Suspended", value: "suspended" },
          { label: "Closed", value: "closed" },
        ],
      }),
      filter.accessor("sales_channel_ids", {
        type: "select",
        label: "Restricted to",
        options: (salesChannels ?? []).map((c) => ({ label: c.name, value: c.id })),
      }),
    ],
    [services, salesChannels]
  )

  const query: AccountListQuery = {
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
    q: search.trim() || undefined,
    service_id: nonEmpty(filtering.service_id as string[] | undefined),
    state: nonEmpty(filtering.state as IapAccountState[] | undefined),
    sales_channel_id: filtering.sales_channel_ids ? [filtering.sales_channel_ids as string] : undefined,
    order: sorting ? (`${sorting.desc ? "-" : ""}${sorting.id}` as AccountListQuery["order"]) : undefined,
  }
  const { accounts, count, isLoading, isError, error, refetch } = useIapAccounts(query)

  const table = useDataTable({
    columns,
    data: accounts ?? [],
    getRowId: (a) => a.id,
    rowCount: count ?? 0,
    isLoading,
    filters,
    search: { state: search, onSearchChange: setSearch },
    filtering: { state: filtering, onFilteringChange: setFiltering },
    sorting: { state: sorting, onSortingChange: setSorting },
    pagination: { state: pagination, onPaginationChange: setPagination },
    onRowClick: (_e, row) => navigate(`${ACCOUNT_PATH}/${row.id}`),
  })

  return (
    <Container className="divide-y p-0" data-testid="iap-accounts">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-center">
          <div>
            <Heading level="h1">Credits</Heading>
            <Text size="small" className="text-ui-fg-subtle">Prepaid credit accounts, per service and holder</Text>
          </div>
          <div className="flex items-center gap-x-2">
            <DataTable.FilterMenu tooltip="Filter" />
            <DataTable.SortingMenu tooltip="Sort" />
            <DataTable.Search placeholder="Search customer email" />
            <Button size="small" variant="secondary" onClick={() => setCreateOpen(true)} data-testid="iap-create-account">
              <Plus />
              Create
            </Button>
          </div>
        </DataTable.Toolbar>
        {isError ? (
          <ErrorState error={error} onRetry={() => refetch()} title="Could not load the accounts" />
        ) : (
          <>
            <DataTable.Table
              emptyState={{
                empty: { heading: "No accounts yet", description: "Accounts appear when customers buy or use a service." },
                filtered: { heading: "No matching accounts", description: "Change the search or the filters." },
              }}
            />
            <DataTable.Pagination />
          </>
        )}
      </DataTable>
      <CreateAccountDrawer open={createOpen} onOpenChange={setCreateOpen} onCreated={(account) => navigate(`${ACCOUNT_PATH}/${account.id}`)} />
    </Container>
  )
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length ? list : undefined
}
