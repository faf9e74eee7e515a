import { Plus } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  Heading,
  Select,
  Text,
  useDataTable,
  type DataTablePaginationState,
} from "@medusajs/ui"
import { useState } from "react"
import { Link, useNavigate } from "react-router-dom"
import { useIapPacks } from "../../hooks/packs"
import { useIapServices } from "../../hooks/services"
import { useStoreCurrencies } from "../../hooks/store"
import { formatCredits, formatMoney } from "../../lib/format"
import type { AdminIapCreditPack } from "../../../types/http"
import { humanize } from "../common/badges"
import { ErrorState } from "../common/states"
import { PackProductDrawer } from "../packs/pack-product-drawer"

const PAGE_SIZE = 10
const ALL = "all"
const column = createDataTableColumnHelper<AdminIapCreditPack>()

const columns = [
  column.accessor("service.name", {
    header: "Service",
    cell: ({ row }) => row.original.service?.name ?? row.original.service_id,
  }),
  column.accessor("product_variant.title", {
    header: "Pack",
    cell: ({ row }) => row.original.product_variant?.title ?? "-",
  }),
  column.accessor("credits", {
    header: "Credits per unit",
    cell: ({ row }) => formatCredits(row.original.credits, row.original.service?.unit_name),
  }),
  column.accessor("expires_after_days", {
    header: "Expiry",
    cell: ({ getValue }) => (getValue() ? `${getValue()} days after purchase` : "Never"),
  }),
  column.accessor("category", { header: "Category", cell: ({ getValue }) => humanize(getValue()) }),
  column.display({
    id: "prices",
    header: "Prices",
    cell: ({ row }) =>
      (row.original.product_variant?.prices ?? []).map((p) => formatMoney(p.amount, p.currency_code)).join(" · ") || "-",
  }),
  column.display({
    id: "product",
    header: "Product",
    cell: ({ row }) => {
      const variant = row.original.product_variant
      if (!variant) return <Text size="small" className="text-ui-fg-muted">No variant</Text>
      return (
        <Link
          to={`/products/${variant.product_id}`}
          className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small"
          onClick={(e) => e.stopPropagation()}
        >
          {variant.product?.title ?? "Open product"}
        </Link>
      )
    },
  }),
]

/** Credit packs per service, each linked to the product that sells it. */
export function PacksSection() {
  const navigate = useNavigate()
  const { currencies } = useStoreCurrencies()
  const [createOpen, setCreateOpen] = useState(false)
  const [serviceId, setServiceId] = useState<string>(ALL)
  const [pagination, setPagination] = useState<DataTablePaginationState>({ pageIndex: 0, pageSize: PAGE_SIZE })
  const { services } = useIapServices({ limit: 100 })
  const { packs, count, isLoading, isError, error, refetch } = useIapPacks({
    service_id: serviceId === ALL ? undefined : [serviceId],
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  })

  const table = useDataTable({
    columns,
    data: packs ?? [],
    getRowId: (p) => p.id,
    rowCount: count ?? 0,
    isLoading,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  return (
    <Container className="divide-y p-0" data-testid="iap-packs">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div>
            <Heading level="h2">Credit packs</Heading>
            <Text size="small" className="text-ui-fg-subtle">Product variants that grant credits when bought</Text>
          </div>
          <div className="flex items-center gap-x-2">
            <div className="w-56">
              <Select
                size="small"
                value={serviceId}
                onValueChange={(v) => {
                  setServiceId(v)
                  setPagination((p) => ({ ...p, pageIndex: 0 }))
                }}
              >
                <Select.Trigger aria-label="Filter packs by service">
                  <Select.Value />
                </Select.Trigger>
                <Select.Content>
                  <Select.Item value={ALL}>All services</Select.Item>
                  {(services ?? []).map((s) => (
                    <Select.Item key={s.id} value={s.id}>
                      {s.name}
                    </Select.Item>
                  ))}
                </Select.Content>
              </Select>
            </div>
            <Button
              size="small"
              variant="secondary"
              disabled={!currencies}
              onClick={() => setCreateOpen(true)}
              data-testid="iap-pack-product-create"
            >
              <Plus />
              Create pack product
            </Button>
          </div>
        </DataTable.Toolbar>
        {isError ? (
          <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit packs" />
        ) : (
          <>
            <DataTable.Table
              emptyState={{
                empty: {
                  heading: "No credit packs",
                  description: "Create a pack product, or sell a product's variants as packs from its page.",
                },
              }}
            />
            <DataTable.Pagination />
          </>
        )}
      </DataTable>
      {currencies && (
        <PackProductDrawer currencies={currencies} open={createOpen} onOpenChange={setCreateOpen} onCreated={(id) => navigate(`/products/${id}`)} />
      )}
    </Container>
  )
}
