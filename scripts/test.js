#!/usr/bin/env node
// Runs the test suites (unit, modules, http, topology) against one Postgres (see lib/postgres.js)
// and ends with a single line "N passed, N failed" counted by lib/jest-counts-reporter.js.
//
//   npm test                                  # every suite
//   npm test -- http integration-tests/http/checkout.spec.ts   # a suite, then jest arguments
// The topology suite boots a Medusa server and two workers on Redis (docs/topology.md).
//
// Quiet by default: Medusa's logger (LOG_LEVEL) only prints errors and jest hides the tests'
// console output (--silent); failures, their assertion diffs and the summary still print.
// To see everything, either:
//   npm test -- --verbose                     # also passed on to jest (one line per test)
//   IAP_TEST_VERBOSE=1 npm test
// An explicit LOG_LEVEL (error, warn, info, http, verbose, debug, silly) always wins.
const { spawnSync } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { findPostgres } = require("./lib/postgres")

const ALL = ["unit", "modules", "http", "topology"]

async function main() {
  const args = process.argv.slice(2)
  const suites = args.filter((a) => ALL.includes(a))
  const jestArgs = args.filter((a) => !ALL.includes(a))
  const run = suites.length ? suites : ALL
  const verbose = jestArgs.includes("--verbose") || /^(1|true|yes)$/i.test(process.env.IAP_TEST_VERBOSE || "")

  const db = await findPostgres()
  const env = {
    ...process.env,
    ...db.env,
    NODE_ENV: "test",
    NODE_OPTIONS: `--experimental-vm-modules --max-old-space-size=4096${verbose ? "" : " --disable-warning=ExperimentalWarning"}`,
  }
  // Unset, Medusa logs at "http": every module load, migration and request of every app booted.
  if (!process.env.LOG_LEVEL && !verbose) env.LOG_LEVEL = "error"
  let passed = 0
  let failed = 0
  let total = 0
  let crashed = false
  try {
    for (const suite of run) {
      const out = path.join(os.tmpdir(), `iap-jest-${suite}-${process.pid}.json`)
      process.stdout.write(`\n=== ${suite} tests ===\n`)
      const res = spawnSync(
        process.execPath,
        [
          require.resolve("jest/bin/jest"),
          verbose ? "--silent=false" : "--silent",
          // One test file at a time, in a worker that is replaced once it holds more than
          // 1.5 GB: every HTTP file boots a whole Medusa app, and in one process their
          // leftovers outgrow the heap after ~20 files.
          "--maxWorkers=1",
          "--workerIdleMemoryLimit=1536MB",
          "--forceExit",
          ...jestArgs,
        ],
        { stdio: "inherit", env: { ...env, TEST_TYPE: suite, IAP_JEST_COUNTS_FILE: out } }
      )
      if (!fs.existsSync(out)) {
        // No counts (jest crashed before the end of the run): a failure.
        crashed = true
        failed += 1
        process.stdout.write(`${suite}: jest reported no counts (exit ${res.status}), counted as 1 failed\n`)
        continue
      }
      const report = JSON.parse(fs.readFileSync(out, "utf8"))
      fs.unlinkSync(out)
      passed += report.numPassedTests
      failed += report.numFailedTests
      total += report.numTotalTests
      // A suite that fails to load counts as a failure even with no test inside.
      if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) {
        failed += report.numFailedTestSuites
      }
      if (res.status !== 0 && report.numFailedTests === 0 && report.numFailedTestSuites === 0) {
        crashed = true
      }
      process.stdout.write(`${suite}: ${report.numPassedTests} passed, ${report.numFailedTests} failed\n`)
    }
  } finally {
    await db.stop()
  }
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
  if (failed > 0 || crashed) process.exit(1)
  if (total === 0) {
    process.stdout.write("no test was executed\n")
    process.exit(1)
  }
}

main().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n")
  process.exit(1)
})
