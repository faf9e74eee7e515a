// A very small sequential test harness for the browser test: named steps, one shared page,
// a screenshot after every step (and on failure), and an "N passed, N failed" summary.
const fs = require("fs")
const path = require("path")

function createHarness({ artifactsDir, log = (m) => process.stdout.write(m + "\n") }) {
  const steps = []
  const results = []
  fs.mkdirSync(artifactsDir, { recursive: true })

  /** Registers a step; `fn(ctx)` runs after the earlier steps, in order. */
  function test(name, fn, opts = {}) {
    steps.push({ name, fn, ...opts })
  }

  async function screenshot(page, name) {
    const file = path.join(artifactsDir, `${name}.png`)
    try {
      await page.screenshot({ path: file, fullPage: true })
      return file
    } catch {
      return null
    }
  }

  async function run(ctx) {
    let index = 0
    for (const step of steps) {
      index++
      const slug = `${String(index).padStart(2, "0")}-${step.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60)}`
      const blocked = step.needs && step.needs.find((n) => !results.find((r) => r.name === n && r.ok))
      if (blocked) {
        results.push({ name: step.name, ok: false, ms: 0, error: `skipped: needs "${blocked}"` })
        log(`  ✗ ${step.name} (skipped: needs "${blocked}")`)
        continue
      }
      const started = Date.now()
      try {
        await step.fn(ctx)
        const ms = Date.now() - started
        results.push({ name: step.name, ok: true, ms })
        log(`  ✓ ${step.name} (${(ms / 1000).toFixed(1)} s)`)
        if (ctx.page) await screenshot(ctx.page, slug)
      } catch (e) {
        const ms = Date.now() - started
        const message = String((e && e.message) || e).split("\n").slice(0, 8).join("\n    ")
        results.push({ name: step.name, ok: false, ms, error: message })
        log(`  ✗ ${step.name} (${(ms / 1000).toFixed(1)} s)\n    ${message}`)
        if (ctx.page) {
          const file = await screenshot(ctx.page, `${slug}-FAILED`)
          if (file) log(`    screenshot: ${path.relative(process.cwd(), file)}`)
        }
      }
    }
    const passed = results.filter((r) => r.ok).length
    const failed = results.length - passed
    return { passed, failed, results }
  }

  return { test, run, screenshot }
}

/** Throws with a readable message unless `cond` holds. */
function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`)
}

function assertEqual(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`)
  }
}

module.exports = { createHarness, assert, assertEqual }
