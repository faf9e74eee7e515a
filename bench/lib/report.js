// The targets of issue 8 (ratios within one run) and the Markdown tables of a run.

const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? "–" : Number(v).toFixed(d))
const ms = (v) => (v === null || v === undefined ? "–" : `${fmt(v, v < 10 ? 2 : 1)} ms`)

/** "0.65 (0.61–0.70, n 5)": a median with its spread. */
const withSpread = (x, d = 2) => (x && x.median !== null && x.median !== undefined ? `${fmt(x.median, d)} (${fmt(x.min, d)}–${fmt(x.max, d)}, n ${x.n})` : "–")

/**
 * The targets of issue 20, each judged on the median of ≥ 3 interleaved repetitions:
 * [{ name, value, spread, target, status: "met" | "missed" | "not run" | "measured" }].
 */
function evaluateTargets(report) {
  const s = report.scenarios
  const out = []
  const add = (name, sp, target, ok) => {
    const value = sp ? sp.median : null
    out.push({ name, value, spread: sp || null, target, status: value === null || value === undefined ? "not run" : ok(value) ? "met" : "missed" })
  }
  const result = (k) => (s[k] && s[k].ok ? s[k].result : null)

  const hot = result("hot")
  const c8 = hot && hot.levels.find((l) => l.concurrency === 8)
  add("hot account, concurrency 8: ours / raw SQL (debits/s)", c8 && c8.ratio_spread, "≥ 0.8", (v) => v >= 0.8)

  const growth = result("growth")
  const last = growth && growth.levels[growth.levels.length - 1]
  add(`ledger growth: ours p50 at ${last ? last.earlier_transactions / 1000 : 100}k / ours at 1k earlier transactions`, last && last.ours_over_1k_spread, "≤ 1.5", (v) => v <= 1.5)
  add(`ledger growth: loyalty p50 / ours p50 at ${last ? last.earlier_transactions / 1000 : 100}k`, last && last.loyalty_over_ours_spread, "> 1 (ours faster)", (v) => v > 1)

  const http = result("http")
  const r = http && http.ratios
  add("HTTP: charge / trivial route (req/s)", r && r.charge_over_trivial, "≥ 0.5", (v) => v >= 0.5)
  add("HTTP: authorize / trivial route (req/s)", r && r.authorize_over_trivial, "≥ 0.4", (v) => v >= 0.4)
  add("HTTP: capture / trivial route (req/s)", r && r.capture_over_trivial, "≥ 0.4", (v) => v >= 0.4)
  add("HTTP: usage charge, flat rate: cost / plain charge", r && r.usage_flat_cost_over_charge, "≤ 1.2", (v) => v <= 1.2)
  add("HTTP: usage charge, graduated rate: cost / plain charge", r && r.usage_tiered_cost_over_charge, "≤ 1.2", (v) => v <= 1.2)
  add("HTTP: charge, auto-recharge armed (not crossed): cost / plain charge", r && r.charge_ar_armed_cost_over_charge, "≤ 1.2", (v) => v <= 1.2)
  add("HTTP: charge, auto-recharge crossed once: cost / plain charge", r && r.charge_ar_crossed_cost_over_charge, "≤ 1.2", (v) => v <= 1.2)

  const fp = result("footprint")
  add("footprint: RSS the plugin adds after boot (MB)", fp && fp.added.rss_boot_mb, "≤ 50", (v) => v <= 50)
  add("footprint: RSS the plugin adds after 10k charges (MB; bare app: 10k GET /health)", fp && fp.added.rss_after_load_mb, "≤ 50", (v) => v <= 50)
  add("footprint: boot time the plugin adds (s)", fp && fp.added.boot_s, "≤ 1", (v) => v <= 1)

  const scale = result("scale")
  if (scale) out.push({ name: "scale-out: two app processes / one (charges/s, different accounts)", value: scale.ratio.median, spread: scale.ratio, target: "measured", status: "measured" })
  else out.push({ name: "scale-out: two app processes / one (charges/s, different accounts)", value: null, spread: null, target: "measured", status: "not run" })
  return out
}

const STATUS = { met: "✅ met", missed: "❌ missed", measured: "measured", "not run": "– not run" }

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
  lines.push("Reproduce: `npm run bench` (full, ~10 min on a quiet machine) or `npm run bench -- --quick` (every scenario briefly, same checks). See bench/README.md.")
  lines.push("")

  lines.push("## Targets")
  lines.push("")
  lines.push("Each value is the median of ≥ 3 interleaved repetitions (ours, baseline, ours, …), with min–max and the number of repetitions; the status is the median's.")
  lines.push("")
  lines.push("| target | median (min–max, n) | wanted | |")
  lines.push("|---|---:|---|---|")
  for (const t of report.targets) lines.push(`| ${t.name} | ${t.spread ? withSpread(t.spread) : fmt(t.value, 2)} | ${t.target} | ${STATUS[t.status]} |`)
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
    lines.push("| concurrency | debits | ours debits/s | ours p50 / p99 | raw SQL debits/s | raw p50 / p99 | ours / raw, median of rounds (min–max, n) |")
    lines.push("|---:|---:|---:|---:|---:|---:|---:|")
    for (const l of h.levels) {
      lines.push(`| ${l.concurrency} | ${l.debits} | ${fmt(l.ours.ops_per_s)} | ${ms(l.ours.p50_ms)} / ${ms(l.ours.p99_ms)} | ${fmt(l.baseline.ops_per_s)} | ${ms(l.baseline.p50_ms)} / ${ms(l.baseline.p99_ms)} | ${l.ratio_spread ? withSpread(l.ratio_spread) : fmt(l.ratio, 2)} |`)
    }
    lines.push("")
    if (h.usage && h.usage.flat_cost_over_plain) {
      const u = h.usage
      lines.push(`Usage charges at concurrency ${u.concurrency}, the module's \`debitCredits\` in ${u.rounds} interleaved rounds with plain 1-credit debits (${u.debits_per_kind} each):`)
      lines.push("")
      lines.push("| charge | debits/s | p50 / p99 | statements each | cost / plain, median (min–max, n) |")
      lines.push("|---|---:|---:|---:|---:|")
      lines.push(`| plain { amount: 1 } | ${fmt(u.plain.ops_per_s)} | ${ms(u.plain.p50_ms)} / ${ms(u.plain.p99_ms)} | ${h.profile.ours_statements_per_debit} | 1 |`)
      lines.push(`| usage, flat rate | ${fmt(u.flat.ops_per_s)} | ${ms(u.flat.p50_ms)} / ${ms(u.flat.p99_ms)} | ${u.statements_per_debit} | ${withSpread(u.flat_cost_over_plain)} |`)
      lines.push(`| usage, graduated rate | ${fmt(u.tiered.ops_per_s)} | ${ms(u.tiered.p50_ms)} / ${ms(u.tiered.p99_ms)} | ${u.tiered_statements.length} | ${withSpread(u.tiered_cost_over_plain)} |`)
      lines.push("")
    }
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
    lines.push("Each level runs interleaved rounds of loyalty, ours, and ours on a second account kept at 1k earlier transactions (the growth baseline, measured in the same rounds); ratios are per round, median (min–max, n).")
    lines.push("")
    lines.push("| earlier transactions | ours p50 / p99 | ours at 1k p50 | ours / ours at 1k (p50) | loyalty p50 / p99 | loyalty / ours (p50) |")
    lines.push("|---:|---:|---:|---:|---:|---:|")
    for (const l of g.levels) {
      lines.push(`| ${l.earlier_transactions.toLocaleString("en-US")} | ${ms(l.ours.p50_ms)} / ${ms(l.ours.p99_ms)} | ${l.ours_at_1k ? ms(l.ours_at_1k.p50_ms) : "–"} | ${withSpread(l.ours_over_1k_spread)} | ${ms(l.loyalty.p50_ms)} / ${ms(l.loyalty.p99_ms)} | ${l.loyalty_over_ours_spread ? withSpread(l.loyalty_over_ours_spread) : fmt(l.loyalty_over_ours_p50, 2)} |`)
    }
    lines.push("")
    lines.push(`p50 growth from first to last level: ours ×${fmt(g.growth.ours_last_over_first_p50, 2)}, loyalty ×${fmt(g.growth.loyalty_last_over_first_p50, 2)}.`)
    lines.push("")
  }

  if (s.http && s.http.ok) {
    const h = s.http.result
    const r = h.runs
    lines.push(`## 3. HTTP — provider API routes vs. a trivial route (autocannon, ${h.plan.connections} connections, ${h.plan.repetitions} interleaved repetitions of ${h.plan.duration_s} s per route)`)
    lines.push("")
    lines.push("The real app (`medusa start`, root medusa-config.ts, admin disabled, in-memory event bus / workflow engine / locking, auto-recharge on). " +
      "Each repetition runs every route once: the trivial route, then the others in this order, starting one route further along each repetition; a ratio is taken within its repetition. Capture runs exactly the holds its repetition's authorize made. " +
      "Accounts: A charges and usage, B authorize/capture, C auto-recharge armed (trigger far below), D auto-recharge crossed once (below its trigger, disarmed).")
    lines.push("")
    lines.push("| route | req/s (median) | p50 / p99 | requests | non-2xx | / trivial, median (min–max, n) | cost / plain charge |")
    lines.push("|---|---:|---:|---:|---:|---:|---:|")
    for (const k of Object.keys(r)) {
      if (k === "medusa_health") continue
      const x = r[k]
      const over = k === "trivial" ? "1" : withSpread(h.ratios[`${k}_over_trivial`])
      const cost = h.ratios[`${k}_cost_over_charge`] ? withSpread(h.ratios[`${k}_cost_over_charge`]) : k === "charge" ? "1" : ""
      lines.push(`| ${h.labels[k]} | ${fmt(x.req_per_s)} | ${ms(x.p50_ms)} / ${ms(x.p99_ms)} | ${x.requests} | ${x.non_2xx} | ${over} | ${cost} |`)
    }
    const mh = r.medusa_health
    lines.push(`| GET /health (Medusa's own, once at the end) | ${fmt(mh.req_per_s)} | ${ms(mh.p50_ms)} / ${ms(mh.p99_ms)} | ${mh.requests} | ${mh.non_2xx} | | |`)
    lines.push("")
    lines.push(`App boot: ${fmt(h.boot_seconds)} s. RSS of the app process: ${fmt(h.memory.rss_idle_mb)} MB idle after boot, ${fmt(h.memory.rss_peak_load_mb)} MB peak under load, VmHWM ${fmt(h.memory.vm_hwm_mb)} MB.`)
    lines.push("")
  }

  if (s.footprint && s.footprint.ok) {
    const f = s.footprint.result
    lines.push("## 4. Footprint — a bare Medusa app with and without the plugin")
    lines.push("")
    lines.push(f.description)
    lines.push("")
    lines.push("| app | boot (s), median | RSS after boot (MB), median | RSS after the load (MB), median |")
    lines.push("|---|---:|---:|---:|")
    for (const k of ["bare", "plugin"]) {
      const x = f.apps[k]
      lines.push(`| ${x.label} | ${withSpread(x.boot_s, 1)} | ${withSpread(x.rss_boot_mb, 1)} | ${withSpread(x.rss_after_load_mb, 1)} |`)
    }
    lines.push(`| **added by the plugin** (per repetition) | ${withSpread(f.added.boot_s, 1)} | ${withSpread(f.added.rss_boot_mb, 1)} | ${withSpread(f.added.rss_after_load_mb, 1)} |`)
    lines.push("")
  }

  if (s.scale && s.scale.ok) {
    const x = s.scale.result
    lines.push("## 5. Scale-out — charge throughput of two app processes on one Postgres vs one")
    lines.push("")
    lines.push(x.description)
    lines.push("")
    lines.push("| set-up | charges/s, median (min–max, n) | app CPU ms / charge | Postgres CPU ms / charge | CPU busy (of the machine's cores) |")
    lines.push("|---|---:|---:|---:|---:|")
    for (const k of ["one", "two"]) {
      const y = x.setups[k]
      lines.push(`| ${y.label} | ${withSpread(y.charges_per_s, 1)} | ${fmt(y.app_cpu_ms_per_charge, 2)} | ${fmt(y.pg_cpu_ms_per_charge, 2)} | ${fmt(y.cpu_busy_cores, 2)} of ${x.cores} |`)
    }
    lines.push("")
    lines.push(`two / one: ${withSpread(x.ratio)}. ${x.bound}`)
    lines.push("")
  }

  const checks = Object.entries(s).filter(([, r]) => r.ok).map(([name, r]) => `${name}: ${r.result.checks.length} passed`)
  lines.push(`Correctness checks (successes = expected; balance = ledger sum = Σ lot remaining; …): ${checks.join(", ") || "none ran"}` +
    `${failed.length ? `; FAILED: ${failed.map(([n]) => n).join(", ")}` : ""}.`)
  lines.push("")
  return lines.join("\n")
}

module.exports = { evaluateTargets, renderMarkdown }
