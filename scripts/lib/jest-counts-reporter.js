// A jest reporter that writes the run's counts to the file named by IAP_JEST_COUNTS_FILE.
// scripts/test.js reads it instead of jest's --json report, which cannot be written at all when
// a failure carries a value JSON cannot hold (a BigInt, an HTTP client error with its circular
// request/response): then every count of the suite was lost.
const fs = require("fs")

class CountsReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.IAP_JEST_COUNTS_FILE
    if (!file) return
    const { numPassedTests, numFailedTests, numTotalTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results
    fs.writeFileSync(file, JSON.stringify({ numPassedTests, numFailedTests, numTotalTests, numFailedTestSuites, numRuntimeErrorTestSuites }))
  }
}

module.exports = CountsReporter
