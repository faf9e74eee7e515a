import { Container, Heading, Text, Tooltip } from "@medusajs/ui"
import { useIapConsumption } from "../../hooks/consumption"
import { formatCredits } from "../../lib/format"
import type { IapConsumptionSeries } from "../../../types"
import { EmptyState, ErrorState, LoadingState } from "../common/states"

const CHART_HEIGHT = "h-40"
/** Credits per day of the series (summed over services), in date order. */
export function dailyTotals(series: IapConsumptionSeries): { date: string; credits: number }[] {
  const byDay = new Map<string, number>()
  for (const p of series.series) byDay.set(p.date, (byDay.get(p.date) ?? 0) + p.credits)
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, credits]) => ({ date, credits }))
}

const shortDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" })

/**
 * The axis top: `max` rounded up to 1, 2 or 5 × 10^n, so the three ticks (0, half, top) read
 * as round numbers.
 *
 * @example
 * niceCeiling(137) // 200
 */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(max))
  const step = [1, 2, 5, 10].find((f) => f * power >= max) ?? 10
  return step * power
}

/** A bar per day, each with a tooltip, over a y-axis in the service's unit: no chart library shipped. */
function Bars({ days, unit }: { days: { date: string; credits: number }[]; unit: string }) {
  const top = niceCeiling(Math.max(...days.map((d) => d.credits)))
  const labelEvery = Math.ceil(days.length / 6)
  return (
    <div
      className="flex flex-col gap-y-2"
      role="img"
      aria-label={`Credits consumed per day, highest ${formatCredits(Math.max(...days.map((d) => d.credits)), unit)}`}
      data-testid="iap-consumption-chart"
    >
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted" data-testid="iap-consumption-y-label">
        {unit} per day
      </Text>
      <div className="flex gap-x-2">
        <div
          className={`text-ui-fg-muted txt-compact-xsmall flex ${CHART_HEIGHT} flex-col items-end justify-between tabular-nums`}
          data-testid="iap-consumption-y-axis"
        >
          <span className="-translate-y-1/2">{formatCredits(top)}</span>
          <span>{formatCredits(top / 2)}</span>
          <span className="translate-y-1/2">0</span>
        </div>
        <div className="flex min-w-0 flex-1 flex-col gap-y-1">
          <div className={`border-ui-border-base relative flex ${CHART_HEIGHT} items-end gap-x-px border-b border-l`}>
            <div className="border-ui-border-base pointer-events-none absolute inset-x-0 top-0 border-t border-dashed" />
            <div className="border-ui-border-base pointer-events-none absolute inset-x-0 top-1/2 border-t border-dashed" />
            {days.map((d) => (
              <Tooltip key={d.date} content={`${shortDate(d.date)}: ${formatCredits(d.credits, unit)}`}>
                <div className="group relative flex h-full min-w-0 flex-1 items-end justify-center" data-testid="iap-consumption-bar" data-credits={d.credits}>
                  <div
                    className="bg-ui-fg-interactive group-hover:bg-ui-fg-interactive-hover w-[70%] rounded-t-sm"
                    style={{ height: d.credits ? `max(2px, ${(d.credits / top) * 100}%)` : 0 }}
                  />
                </div>
              </Tooltip>
            ))}
          </div>
          <div className="text-ui-fg-muted txt-compact-xsmall flex">
            {days.map((d, i) => (
              <div key={d.date} className="relative min-w-0 flex-1">
                {i % labelEvery === 0 && <span className="absolute left-0 whitespace-nowrap">{shortDate(d.date)}</span>}
              </div>
            ))}
          </div>
          <div className="h-4" />
        </div>
      </div>
    </div>
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
