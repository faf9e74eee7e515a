import { ArchiveBox, ArrowPath, CurrencyDollar, PencilSquare, Plus } from "@medusajs/icons"
import {
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  Heading,
  Text,
  toast,
  usePrompt,
  useDataTable,
} from "@medusajs/ui"
import { useState } from "react"
import { useIapServices, useRotateIapServiceKey, useSetIapServiceStatus } from "../../hooks/services"
import { errorMessage } from "../../lib/errors"
import { formatCredits } from "../../lib/format"
import type { IapServiceDTO } from "../../../types"
import { ServiceStatusBadge } from "../common/badges"
import { SecretDialog } from "../common/secret-dialog"
import { ErrorState } from "../common/states"
import { RateCardDrawer } from "./rate-card-drawer"
import { ServiceDrawer } from "./service-drawer"

const column = createDataTableColumnHelper<IapServiceDTO>()

/** Services: list, create, edit, archive, rotate a third-party key (shown once). */
export function ServicesSection() {
  const { services, isLoading, isError, error, refetch } = useIapServices({ limit: 100 })
  const [editing, setEditing] = useState<IapServiceDTO | null>(null)
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [secret, setSecret] = useState<{ key: string; service: string } | null>(null)
  const [rateCard, setRateCard] = useState<IapServiceDTO | null>(null)
  const prompt = usePrompt()
  const setStatus = useSetIapServiceStatus()
  const rotate = useRotateIapServiceKey()

  const columns = [
    column.accessor("technical_name", {
      header: "Service",
      cell: ({ row }) => (
        <div className="flex flex-col">
          <Text size="small" weight="plus" leading="compact">{row.original.name}</Text>
          <Text size="xsmall" leading="compact" className="text-ui-fg-subtle font-mono">{row.original.technical_name}</Text>
        </div>
      ),
    }),
    column.accessor("unit_name", {
      header: "Unit",
      cell: ({ row }) => `${row.original.unit_name}${row.original.integer_credits ? "" : " (decimal)"}`,
    }),
    column.accessor("trial_credits", { header: "Trial credits", cell: ({ getValue }) => formatCredits(getValue()) }),
    column.accessor("provider_type", {
      header: "Provider",
      cell: ({ row }) =>
        row.original.provider_type === "third_party" ? (
          <span>
            Third party{" "}
            {row.original.key_hint && <span className="text-ui-fg-muted font-mono">(key {row.original.key_hint})</span>}
          </span>
        ) : (
          "First party"
        ),
    }),
    column.accessor("status", { header: "Status", cell: ({ getValue }) => <ServiceStatusBadge status={getValue()} /> }),
    column.action({
      actions: ({ row }) => {
        const s = row.original
        const edit = [
          { label: "Edit", icon: <PencilSquare />, onClick: () => openDrawer(s) },
          { label: "Rate card", icon: <CurrencyDollar />, onClick: () => setRateCard(s) },
        ]
        const key = s.provider_type === "third_party" ? [{ label: "Rotate key", icon: <ArrowPath />, onClick: () => rotateKey(s) }] : []
        const status =
          s.status === "active"
            ? [{ label: "Archive", icon: <ArchiveBox />, onClick: () => archiveService(s) }]
            : [{ label: "Reactivate", icon: <ArrowPath />, onClick: () => reactivate(s) }]
        return [[...edit, ...key], status]
      },
    }),
  ]

  function openDrawer(service: IapServiceDTO | null) {
    setEditing(service)
    setDrawerOpen(true)
  }

  async function rotateKey(s: IapServiceDTO) {
    const ok = await prompt({
      title: `Rotate the key of ${s.technical_name}?`,
      description: "The current key stops working at once. The new key is shown one time only.",
      confirmText: "Rotate key",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      const res = await rotate.mutateAsync(s.id)
      if (res.key) setSecret({ key: res.key, service: s.technical_name })
    } catch (e) {
      toast.error("Could not rotate the key", { description: errorMessage(e) })
    }
  }

  async function archiveService(s: IapServiceDTO) {
    const ok = await prompt({
      title: `Archive ${s.technical_name}?`,
      description: "Accounts and their ledger stay; nothing new can be charged or sold for this service.",
      confirmText: "Archive",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      await setStatus.mutateAsync({ id: s.id, status: "archived" })
      toast.success(`Service ${s.technical_name} archived`)
    } catch (e) {
      toast.error("Could not archive the service", { description: errorMessage(e) })
    }
  }

  async function reactivate(s: IapServiceDTO) {
    try {
      await setStatus.mutateAsync({ id: s.id, status: "active" })
      toast.success(`Service ${s.technical_name} reactivated`)
    } catch (e) {
      toast.error("Could not reactivate the service", { description: errorMessage(e) })
    }
  }

  const table = useDataTable({
    columns,
    data: services ?? [],
    getRowId: (s) => s.id,
    rowCount: services?.length ?? 0,
    isLoading,
  })

  return (
    <Container className="divide-y p-0" data-testid="iap-services">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">Services</Heading>
            <Text size="small" className="text-ui-fg-subtle">What customers buy credits for</Text>
          </div>
          <Button size="small" variant="secondary" onClick={() => openDrawer(null)}>
            <Plus />
            Create
          </Button>
        </DataTable.Toolbar>
        {isError ? (
          <ErrorState error={error} onRetry={() => refetch()} title="Could not load the services" />
        ) : (
          <DataTable.Table
            emptyState={{ empty: { heading: "No services yet", description: "Create one to start selling credits." } }}
          />
        )}
      </DataTable>
      <ServiceDrawer
        open={drawerOpen}
        onOpenChange={setDrawerOpen}
        service={editing}
        onKey={(key, service) => setSecret({ key, service: service.technical_name })}
      />
      <RateCardDrawer service={rateCard} onClose={() => setRateCard(null)} />
      <SecretDialog
        secret={secret?.key ?? null}
        title={`Service key of ${secret?.service ?? ""}`}
        description="Third-party code sends this key as Authorization: Bearer <key> to the provider API."
        onClose={() => setSecret(null)}
      />
    </Container>
  )
}
