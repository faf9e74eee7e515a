"use client"
import React from "react"
import type { IapStoreClient } from "../client"
import { cx, formatCredits } from "../format"
import { useIapQuery } from "../hooks"
import { Empty, ErrorNotice, Loading } from "./states"

export type UsageChartProps = {
  client: IapStoreClient
  /** UTC days, inclusive; default: the last 30 days. */
  from?: string
  to?: string
  /** Only this service (technical name). */
  service?: string
  unitName?: string
  className?: string
}

/**
 * Credits consumed per day as bars (one chart, all services summed), each bar labelled for
 * screen readers and with its value on hover.
 *
 * @example
 * <UsageChart client={iap} service="sms" unitName="SMS" />
 */
export function UsageChart({ client, from, to, service, unitName, className }: UsageChartProps) {
  const { data, error, loading, reload } = useIapQuery(
    () => client.consumption({ from, to, ...(service ? { service: [service] } : {}) }),
    `${from}:${to}:${service}`
  )
  if (loading && !data) return <Loading label="Loading usage…" className={className} />
  if (error) return <ErrorNotice error={error} onRetry={reload} className={className} />
  const series = data!.consumption
  const byDay = new Map<string, number>()
  for (const p of series.series) byDay.set(p.date, (byDay.get(p.date) ?? 0) + p.credits)
  const days = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))
  const total = days.reduce((s, [, v]) => s + v, 0)
  if (!days.length || total === 0) return <Empty className={className}>No credits used from {series.from} to {series.to}.</Empty>
  const max = Math.max(...days.map(([, v]) => v))
  const width = 100 / days.length
  return (
    <figure className={cx("flex flex-col gap-y-2", className)}>
      <svg viewBox="0 0 100 40" preserveAspectRatio="none" className="w-full h-40" role="img" aria-label={`Credits used per day from ${series.from} to ${series.to}: ${formatCredits(total, unitName)} in total`}>
        {days.map(([date, value], i) => {
          const h = max ? (value / max) * 38 : 0
          return (
            <rect key={date} x={i * width + width * 0.1} y={40 - h} width={width * 0.8} height={h} className="fill-ui-fg-interactive" data-date={date}>
              <title>{`${date}: ${formatCredits(value, unitName)}`}</title>
            </rect>
          )
        })}
      </svg>
      <figcaption className="txt-compact-small text-ui-fg-subtle">
        {formatCredits(total, unitName)} used from {series.from} to {series.to}
      </figcaption>
    </figure>
  )
}
