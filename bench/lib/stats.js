// Latency and throughput summaries, and the correctness check every scenario ends with.

/** Nearest-rank percentile of a sorted array (ms). */
function percentile(sorted, p) {
  if (!sorted.length) return null
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

const round = (v, d = 2) => (v === null || v === undefined ? null : Number(v.toFixed(d)))

/** { count, ops_per_s, p50_ms, p99_ms, mean_ms, max_ms } of latencies (ms) over `wallMs`. */
function summarize(latencies, wallMs) {
  const sorted = [...latencies].sort((a, b) => a - b)
  const sum = sorted.reduce((s, v) => s + v, 0)
  return {
    count: sorted.length,
    ops_per_s: wallMs ? round((sorted.length / wallMs) * 1000, 1) : null,
    p50_ms: round(percentile(sorted, 50)),
    p99_ms: round(percentile(sorted, 99)),
    mean_ms: round(sorted.length ? sum / sorted.length : null),
    max_ms: round(sorted.length ? sorted[sorted.length - 1] : null),
  }
}

/**
 * Runs `total` calls of `fn(i)` with exactly `concurrency` in flight (each caller takes the
 * next index when its call settles). Returns latencies (ms), errors and the wall time.
 */
async function runConcurrent({ total, concurrency, fn }) {
  const latencies = []
  const errors = []
  let next = 0
  const started = process.hrtime.bigint()
  const worker = async () => {
    for (let i = next++; i < total; i = next++) {
      const t0 = process.hrtime.bigint()
      try {
        await fn(i)
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6)
      } catch (e) {
        errors.push(e)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  return { latencies, errors, wallMs }
}

/**
 * The median of repeated ratios with their spread: `{ median, min, max, n, values }`. Every
 * target is judged on the median of ≥ 3 interleaved repetitions (ours, baseline, ours, …), so
 * one noisy repetition cannot flip it.
 */
function spread(values, d = 3) {
  const v = values.filter((x) => x !== null && x !== undefined && Number.isFinite(x))
  if (!v.length) return { median: null, min: null, max: null, n: 0, values: [] }
  const sorted = [...v].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return { median: round(median, d), min: round(sorted[0], d), max: round(sorted[sorted.length - 1], d), n: v.length, values: v.map((x) => round(x, d)) }
}

class CheckError extends Error {}

/** Collects named checks; `assertAll()` throws one error listing every failed one. */
class Checks {
  constructor(scope) {
    this.scope = scope
    this.list = []
  }
  equal(name, actual, expected) {
    const ok = String(actual) === String(expected)
    this.list.push({ name, ok, actual: String(actual), expected: String(expected) })
    return ok
  }
  truthy(name, value, detail = "") {
    this.list.push({ name, ok: !!value, actual: detail || String(value), expected: "true" })
    return !!value
  }
  get failed() {
    return this.list.filter((c) => !c.ok)
  }
  assertAll() {
    if (this.failed.length) {
      const lines = this.failed.map((c) => `  ${c.name}: got ${c.actual}, expected ${c.expected}`)
      throw new CheckError(`${this.scope}: ${this.failed.length} correctness check(s) FAILED\n${lines.join("\n")}`)
    }
    return this.list.map((c) => c.name)
  }
}

module.exports = { percentile, summarize, runConcurrent, round, spread, Checks, CheckError }
