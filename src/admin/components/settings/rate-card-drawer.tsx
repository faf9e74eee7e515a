import { ArrowDownTray, Trash } from "@medusajs/icons"
import { Badge, Button, Drawer, Heading, IconButton, Input, Table, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { type FormEvent, useEffect, useState } from "react"
import {
  fetchRateVersionCsv,
  rateVersionCsvUrl,
  useDeleteIapRateVersion,
  useIapRateVersion,
  useIapRateVersions,
  useImportIapRates,
} from "../../hooks/rate-cards"
import { errorMessage } from "../../lib/errors"
import { formatDate } from "../../lib/format"
import type { IapRateDTO, IapRateVersionDTO, IapServiceDTO } from "../../../types"
import { Field, FormError } from "../common/form"
import { EmptyState, ErrorState, LoadingState } from "../common/states"

const CSV_HINT = "metric,<a column per dimension, e.g. country>,unit_credits,tiers — * matches any value; tiers as 1000:0.01|*:0.005"
const EXAMPLE = "metric,country,unit_credits,tiers\nsms_part,DE,1,\nsms_part,*,2,\n"

const STATUS_COLOR = { current: "green", scheduled: "blue", past: "grey" } as const

function rateLabel(r: IapRateDTO): string {
  if (r.tiers) return r.tiers.map((t) => `${t.unit_credits} up to ${t.up_to ?? "∞"}`).join(", ")
  return String(r.unit_credits)
}

function dimensionsLabel(r: IapRateDTO): string {
  const entries = Object.entries(r.dimensions)
  return entries.length ? entries.map(([k, v]) => `${k}: ${v}`).join(", ") : "*"
}

/**
 * A service's rate card: its versions (current, scheduled, past) and their rates, a CSV per
 * version, and a new version from CSV (a version in effect never changes: charges keep theirs).
 */
export function RateCardDrawer({ service, onClose }: { service: IapServiceDTO | null; onClose: () => void }) {
  const serviceId = service?.id ?? null
  const { versions, isLoading, isError, error, refetch } = useIapRateVersions(serviceId)
  const [selected, setSelected] = useState<string | null>(null)
  const { version, isLoading: loadingRates } = useIapRateVersion(serviceId, selected)
  const [csv, setCsv] = useState(EXAMPLE)
  const [validFrom, setValidFrom] = useState("")
  const [note, setNote] = useState("")
  const [apiError, setApiError] = useState<string | null>(null)
  const importRates = useImportIapRates(serviceId ?? "")
  const remove = useDeleteIapRateVersion(serviceId ?? "")
  const prompt = usePrompt()

  useEffect(() => {
    setSelected(null)
    setCsv(EXAMPLE)
    setValidFrom("")
    setNote("")
    setApiError(null)
  }, [serviceId])

  useEffect(() => {
    if (!selected && versions?.length) setSelected((versions.find((v) => v.status === "current") ?? versions[0]).id)
  }, [versions, selected])

  const startFromSelected = async () => {
    if (!serviceId || !selected) return
    try {
      setCsv(await fetchRateVersionCsv(serviceId, selected))
    } catch (e) {
      toast.error("Could not read the CSV", { description: errorMessage(e) })
    }
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setApiError(null)
    try {
      const res = await importRates.mutateAsync({
        csv,
        ...(validFrom ? { valid_from: new Date(validFrom).toISOString() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      toast.success(`Rate card version ${res.rate_version.version} created`)
      setSelected(res.rate_version.id)
    } catch (err) {
      setApiError(errorMessage(err))
    }
  }

  const deleteVersion = async (v: IapRateVersionDTO) => {
    const ok = await prompt({
      title: `Delete version ${v.version}?`,
      description: "It is not in effect yet: no charge used it.",
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      await remove.mutateAsync(v.id)
      if (selected === v.id) setSelected(null)
    } catch (err) {
      toast.error("Could not delete the version", { description: errorMessage(err) })
    }
  }

  return (
    <Drawer open={!!service} onOpenChange={(open) => !open && onClose()}>
      <Drawer.Content data-testid="iap-rate-card">
        <Drawer.Header>
          <Drawer.Title>Rate card of {service?.technical_name}</Drawer.Title>
          <Drawer.Description className="sr-only">Prices of the service's usages, by version</Drawer.Description>
        </Drawer.Header>
        <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
          <div className="flex flex-col gap-y-2">
            <Heading level="h3">Versions</Heading>
            {isError ? (
              <ErrorState error={error} onRetry={() => refetch()} title="Could not load the rate card" />
            ) : isLoading ? (
              <LoadingState rows={2} />
            ) : !versions?.length ? (
              <EmptyState title="No rate card" description="Charges of this service send credits. Add a version to price usages." />
            ) : (
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Version</Table.HeaderCell>
                    <Table.HeaderCell>Valid from</Table.HeaderCell>
                    <Table.HeaderCell>Rates</Table.HeaderCell>
                    <Table.HeaderCell />
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {versions.map((v) => (
                    <Table.Row key={v.id} onClick={() => setSelected(v.id)} className={selected === v.id ? "bg-ui-bg-highlight cursor-pointer" : "cursor-pointer"}>
                      <Table.Cell>
                        v{v.version} <Badge size="2xsmall" color={STATUS_COLOR[v.status]}>{v.status}</Badge>
                      </Table.Cell>
                      <Table.Cell>{formatDate(v.valid_from, true)}</Table.Cell>
                      <Table.Cell>{v.rate_count}</Table.Cell>
                      <Table.Cell className="flex items-center justify-end gap-x-1">
                        <a
                          href={rateVersionCsvUrl(service!.id, v.id)}
                          download
                          aria-label={`CSV of version ${v.version}`}
                          className="text-ui-fg-subtle hover:text-ui-fg-base p-1"
                          onClick={(e) => e.stopPropagation()}
                        >
                          <ArrowDownTray />
                        </a>
                        {v.status === "scheduled" && (
                          <IconButton size="small" variant="transparent" type="button" aria-label={`Delete version ${v.version}`} onClick={(e) => {
                              e.stopPropagation()
                              deleteVersion(v)
                            }}>
                            <Trash />
                          </IconButton>
                        )}
                      </Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )}
          </div>

          {selected && (
            <div className="flex flex-col gap-y-2">
              <Heading level="h3">Rates of v{version?.version ?? ""}</Heading>
              {loadingRates || !version ? (
                <LoadingState rows={3} />
              ) : !version.rates?.length ? (
                <EmptyState title="No rates in this version" description="Every usage of this service is refused (rate_not_found) while it is in effect." />
              ) : (
                <Table>
                  <Table.Header>
                    <Table.Row>
                      <Table.HeaderCell>Metric</Table.HeaderCell>
                      <Table.HeaderCell>Dimensions</Table.HeaderCell>
                      <Table.HeaderCell>Credits per unit</Table.HeaderCell>
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {version.rates.map((r) => (
                      <Table.Row key={r.id}>
                        <Table.Cell className="font-mono">{r.metric}</Table.Cell>
                        <Table.Cell>{dimensionsLabel(r)}</Table.Cell>
                        <Table.Cell>{rateLabel(r)}</Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              )}
            </div>
          )}

          <form onSubmit={submit} className="flex flex-col gap-y-4" noValidate>
            <div className="flex items-center justify-between">
              <Heading level="h3">New version</Heading>
              {selected && (
                <Button size="small" variant="secondary" type="button" onClick={startFromSelected}>
                  Start from v{version?.version ?? ""}
                </Button>
              )}
            </div>
            <Text size="small" className="text-ui-fg-subtle">
              A version in effect never changes (past charges keep theirs): changes are a new version, from now or a later date.
            </Text>
            <FormError message={apiError} />
            <div className="grid grid-cols-2 gap-4">
              <Field id="rates-valid-from" label="Valid from" optional hint="Empty: now">
                <Input id="rates-valid-from" type="datetime-local" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
              </Field>
              <Field id="rates-note" label="Note" optional>
                <Input id="rates-note" value={note} onChange={(e) => setNote(e.target.value)} />
              </Field>
            </div>
            <Field id="rates-csv" label="Rates (CSV)" hint={CSV_HINT}>
              <Textarea id="rates-csv" rows={10} className="font-mono" value={csv} onChange={(e) => setCsv(e.target.value)} />
            </Field>
            <div className="flex justify-end">
              <Button size="small" type="submit" isLoading={importRates.isPending}>
                Create version
              </Button>
            </div>
          </form>
        </Drawer.Body>
      </Drawer.Content>
    </Drawer>
  )
}
