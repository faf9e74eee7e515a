import { Container, Heading, Text } from "@medusajs/ui"
import { useIapConsumption } from "../../hooks/consumption"
import { formatCredits } from "../../lib/format"
import type { IapConsumptionSeries } from "../../lib/types"
import { EmptyState, ErrorState, LoadingState } from "../common/states"

const WIDTH = 720
const HEIGHT = 160
const AXIS = 20

/** Credits per day of the series (summed over services), in date order. */
export function dailyTotals(series: IapConsumptionSeries): { date: string; credits: number }[] {
  const byDay = new Map<string, number>()
  for (const p of series.series) byDay.set(p.date, (byDay.get(p.date) ?? 0) + p.credits)
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, credits]) => ({ date, credits }))
}

const shortDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" })

/** A bar per day: plain SVG, so the plugin ships no chart library. */
function Bars({ days, unit }: { days: { date: string; credits: number }[]; unit: string }) {
  const max = Math.max(...days.map((d) => d.credits), 1)
  const slot = WIDTH / days.length
  const bar = Math.max(2, slot * 0.7)
  const labelEvery = Math.ceil(days.length / 6)
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
      className="h-auto w-full"
      role="img"
      aria-label={`Credits consumed per day, highest ${formatCredits(max, unit)}`}
      data-testid="iap-consumption-chart"
    >
      <line x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="stroke-ui-border-base" strokeWidth={1} />
      <text x={2} y={10} className="fill-ui-fg-muted" fontSize={10}>
        {formatCredits(max)}
      </text>
      {days.map((d, i) => {
        const h = d.credits ? Math.max(2, (d.credits / max) * (HEIGHT - 16)) : 0
        const x = i * slot + (slot - bar) / 2
        return (
          <g key={d.date}>
            <rect x={x} y={HEIGHT - h} width={bar} height={h} rx={2} className="fill-ui-fg-interactive" data-credits={d.credits}>
              <title>{`${shortDate(d.date)}: ${formatCredits(d.credits, unit)}`}</title>
            </rect>
            {i % labelEvery === 0 && (
              <text
                x={i === 0 ? x : i * slot + slot / 2}
                y={HEIGHT + 14}
                textAnchor={i === 0 ? "start" : "middle"}
                className="fill-ui-fg-muted"
                fontSize={10}
              >
                {shortDate(d.date)}
              </text>
            )}
          </g>
        )
      })}
    </svg>
  )
}

/** Credits consumed per day over the last 30 days (the API's default range). */
export function ConsumptionChart({ accountId, unit }: { accountId: string; unit: string }) {
  const { consumption, isLoading, isError, error, refetch } = useIapConsumption({ account_id: [accountId] })
  const days = consumption ? dailyTotals(consumption) : []
  const total = days.reduce((sum, d) => sum + d.credits, 0)
  return (
    <Container className="divide-y p-0" data-testid="iap-consumption">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Consumption</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {consumption ? `${shortDate(consumption.from)} – ${shortDate(consumption.to)}` : "Last 30 days"}
          </Text>
        </div>
        {consumption && (
          <Text size="small" weight="plus" data-testid="iap-consumption-total">
            {formatCredits(total, unit)} used
          </Text>
        )}
      </div>
      {isLoading ? (
        <LoadingState rows={4} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the consumption" />
      ) : !days.length || total === 0 ? (
        <EmptyState title="No consumption in the last 30 days" description="Debits and captured holds show here per day." />
      ) : (
        <div className="px-6 py-4">
          <Bars days={days} unit={unit} />
        </div>
      )}
    </Container>
  )
}
