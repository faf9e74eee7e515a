// The targets of issue 8 (ratios within one run) and the Markdown tables of a run.

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toFixed(d))
const ms = (v) => (v === null || v === undefined ? "–" : `${fmt(v, v < 10 ? 2 : 1)} ms`)

/** [{ name, value, target, status: "met" | "missed" | "not run" }] */
function evaluateTargets(report) {
  const s = report.scenarios
  const out = []
  const add = (name, value, target, ok) =>
    out.push({ name, value, target, status: value === null || value === undefined ? "not run" : ok ? "met" : "missed" })

  const hot = s.hot && s.hot.ok ? s.hot.result : null
  const c8 = hot && hot.levels.find((l) => l.concurrency === 8)
  add("hot account, concurrency 8: ours / raw SQL (debits/s)", c8 ? c8.ratio : null, "≥ 0.5", c8 && c8.ratio >= 0.5)

  const growth = s.growth && s.growth.ok ? s.growth.result : null
  const first = growth && growth.levels[0]
  const last = growth && growth.levels[growth.levels.length - 1]
  const growthRatio = growth ? Math.round((last.ours.p50_ms / first.ours.p50_ms) * 100) / 100 : null
  add(
    `ledger growth: ours p50 at ${last ? last.earlier_transactions / 1000 : 100}k / at ${first ? first.earlier_transactions / 1000 : 1}k earlier transactions`,
    growthRatio, "≤ 1.5", growthRatio !== null && growthRatio <= 1.5
  )
  const vsLoyalty = growth ? Math.round((last.loyalty.p50_ms / last.ours.p50_ms) * 100) / 100 : null
  add(`ledger growth: loyalty p50 / ours p50 at ${last ? last.earlier_transactions / 1000 : 100}k`, vsLoyalty, "> 1 (ours faster)", vsLoyalty !== null && vsLoyalty > 1)

  const http = s.http && s.http.ok ? s.http.result : null
  add("HTTP: charge / trivial route (req/s)", http ? http.ratio_charge_over_trivial : null, "≥ 0.3", http && http.ratio_charge_over_trivial >= 0.3)
  return out
}

function renderMarkdown(report) {
  const m = report.machine
  const s = report.scenarios
  const lines = []
  lines.push(`# Benchmarks — ${report.mode} run`)
  lines.push("")
  lines.push(`${report.date.slice(0, 16).replace("T", " ")} UTC, commit ${report.commit || "–"}, ${report.seconds} s. ` +
    `Machine: ${m.cores} cores (${m.cpu_model}), ${m.memory_gib} GiB, Node ${m.node}, PostgreSQL ${m.postgres}, ${m.os}. ` +
    `Load average (1/5/15 min) at start ${m.load_average_start.join(" / ")}, at end ${m.load_average_end.join(" / ")}.`)
  lines.push("")
  lines.push("Reproduce: `npm run bench` (full, ~4–7 min) or `npm run bench -- --quick` (every scenario briefly, same checks). See bench/README.md.")
  lines.push("")

  lines.push("## Targets")
  lines.push("")
  lines.push("| target | value | wanted | |")
  lines.push("|---|---:|---|---|")
  for (const t of report.targets) lines.push(`| ${t.name} | ${fmt(t.value, 2)} | ${t.target} | ${t.status === "met" ? "✅ met" : t.status === "missed" ? "❌ missed" : "– not run"} |`)
  lines.push("")

  const failed = Object.entries(s).filter(([, r]) => !r.ok)
  for (const [name, r] of failed) {
    lines.push(`**Scenario ${name} FAILED:** ${String(r.error).split("\n").slice(0, 6).join(" ")}`)
    lines.push("")
  }

  if (s.hot && s.hot.ok) {
    const h = s.hot.result
    lines.push("## 1. Hot account — concurrent 1-credit debits on one account")
    lines.push("")
    lines.push("Each debit is its own DB transaction. Ours: the built module's `debitCredits` — one autocommitted statement, `SELECT iap_debit(…)` " +
      "(a PL/pgSQL function: lock the account row, read idempotency record + lots, write the ledger row, lot movements, lot, account and idempotency record). " +
      "Raw SQL: `pg`, `BEGIN; UPDATE … SET balance = balance - 1 WHERE id = $1 AND balance >= 1; INSERT` one ledger row`; COMMIT` on its own tables, same server.")
    lines.push("")
    lines.push("| concurrency | debits | ours debits/s | ours p50 / p99 | raw SQL debits/s | raw p50 / p99 | ours / raw |")
    lines.push("|---:|---:|---:|---:|---:|---:|---:|")
    for (const l of h.levels) {
      lines.push(`| ${l.concurrency} | ${l.debits} | ${fmt(l.ours.ops_per_s)} | ${ms(l.ours.p50_ms)} / ${ms(l.ours.p99_ms)} | ${fmt(l.baseline.ops_per_s)} | ${ms(l.baseline.p50_ms)} / ${ms(l.baseline.p99_ms)} | ${fmt(l.ratio, 2)} |`)
    }
    lines.push("")
    const hold = h.profile.lock_hold_until_commit_sent
    lines.push(`Statements per debit (BEGIN and COMMIT included): ours ${h.profile.ours_statements_per_debit}, raw SQL ${h.profile.baseline_statements_per_debit}. ` +
      `Row lock held from the lock's answer until COMMIT is sent (concurrency ${hold.concurrency}, p50 / mean): raw SQL ${ms(hold.raw.p50_ms)} / ${ms(hold.raw.mean_ms)}, ` +
      "ours: taken and released inside its one statement, with no round trip to the app in between. " +
      `A hot account's throughput is about 1 / (time the row lock is held). Pool: ${h.profile.pool_max} connections.`)
    lines.push("")
  }

  if (s.growth && s.growth.ok) {
    const g = s.growth.result
    lines.push("## 2. Ledger growth — debit latency vs. earlier transactions on the account")
    lines.push("")
    lines.push("Sequential 1-credit debits after seeding the account's history with SQL (lots of 100 credits granted and drawn to 0, so 1 grant + 100 debits each). " +
      "Loyalty: `@medusajs/loyalty-plugin` 2.21.1 store-credit `debitAccounts`, same database, same history shape.")
    lines.push("")
    lines.push("| earlier transactions | ours p50 / p99 | loyalty p50 / p99 | loyalty / ours (p50) |")
    lines.push("|---:|---:|---:|---:|")
    for (const l of g.levels) {
      lines.push(`| ${l.earlier_transactions.toLocaleString("en-US")} | ${ms(l.ours.p50_ms)} / ${ms(l.ours.p99_ms)} | ${ms(l.loyalty.p50_ms)} / ${ms(l.loyalty.p99_ms)} | ${fmt(l.loyalty_over_ours_p50, 2)} |`)
    }
    lines.push("")
    lines.push(`p50 growth from first to last level: ours ×${fmt(g.growth.ours_last_over_first_p50, 2)}, loyalty ×${fmt(g.growth.loyalty_last_over_first_p50, 2)}.`)
    lines.push("")
  }

  if (s.http && s.http.ok) {
    const h = s.http.result
    const r = h.runs
    lines.push(`## 3. HTTP — provider API charge vs. a trivial route (autocannon, ${h.plan.connections} connections, ${h.plan.duration_s} s each)`)
    lines.push("")
    lines.push("The real app (`medusa start`, root medusa-config.ts, admin disabled, in-memory event bus / workflow engine / locking), one account, a fresh idempotency key per request.")
    lines.push("")
    lines.push("| route | req/s | p50 / p99 | requests | non-2xx |")
    lines.push("|---|---:|---:|---:|---:|")
    lines.push(`| POST /iap/v1/charge | ${fmt(r.charge.req_per_s)} | ${ms(r.charge.p50_ms)} / ${ms(r.charge.p99_ms)} | ${r.charge.requests} | ${r.charge.non_2xx} |`)
    lines.push(`| GET /iap/v1/health (trivial, plugin router) | ${fmt(r.iap_health.req_per_s)} | ${ms(r.iap_health.p50_ms)} / ${ms(r.iap_health.p99_ms)} | ${r.iap_health.requests} | ${r.iap_health.non_2xx} |`)
    lines.push(`| GET /health (Medusa's own) | ${fmt(r.medusa_health.req_per_s)} | ${ms(r.medusa_health.p50_ms)} / ${ms(r.medusa_health.p99_ms)} | ${r.medusa_health.requests} | ${r.medusa_health.non_2xx} |`)
    lines.push("")
    lines.push(`charge / trivial: ${fmt(h.ratio_charge_over_trivial, 3)}. App boot: ${fmt(h.boot_seconds)} s.`)
    lines.push("")
    lines.push("## 4. Peak memory of the app process during 3")
    lines.push("")
    lines.push("RSS of the server process sampled every 100 ms, in run order: the charge runs (warm-up + measured) first, then the trivial-route runs. " +
      "It rises with requests served whatever the route (V8 grows its heap before collecting), so the later window reads higher.")
    lines.push("")
    lines.push("| idle after boot (RSS) | peak RSS, charge runs | peak RSS, trivial-route runs after them | VmHWM (process lifetime) |")
    lines.push("|---:|---:|---:|---:|")
    const mem = h.memory
    lines.push(`| ${fmt(mem.rss_idle_mb)} MB | ${fmt(mem.rss_peak_charge_mb)} MB | ${fmt(mem.rss_peak_trivial_mb)} MB | ${fmt(mem.vm_hwm_mb)} MB |`)
    lines.push("")
  }

  const checks = Object.entries(s).filter(([, r]) => r.ok).map(([name, r]) => `${name}: ${r.result.checks.length} passed`)
  lines.push(`Correctness checks (successes = expected; balance = ledger sum = Σ lot remaining; …): ${checks.join(", ") || "none ran"}` +
    `${failed.length ? `; FAILED: ${failed.map(([n]) => n).join(", ")}` : ""}.`)
  lines.push("")
  return lines.join("\n")
}

module.exports = { evaluateTargets, renderMarkdown }
