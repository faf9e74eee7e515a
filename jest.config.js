const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

module.exports = {
  transform: {
    // React components (the storefront's): TSX with the automatic JSX runtime.
    "^.+\\.tsx$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } } } },
    ],
    "^.+\\.[jt]sx?$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { decoratorMetadata: true, legacyDecorator: true },
        },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "tsx", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/"],
  setupFiles: ["./integration-tests/setup.js"],
}

const suites = {
  unit: ["**/src/**/__tests__/**/*.unit.spec.[jt]s?(x)"],
  modules: ["**/src/modules/*/__tests__/**/*.module.spec.[jt]s"],
  http: ["**/integration-tests/http/**/*.spec.[jt]s"],
  // Medusa's production topology: a server and two workers as separate processes on Redis.
  topology: ["**/integration-tests/topology/**/*.spec.[jt]s"],
}

if (suites[process.env.TEST_TYPE]) {
  module.exports.testMatch = suites[process.env.TEST_TYPE]
}

// scripts/test.js counts the results with this reporter (jest's --json report fails on
// failures it cannot serialize).
if (process.env.IAP_JEST_COUNTS_FILE) {
  module.exports.reporters = ["default", "<rootDir>/scripts/lib/jest-counts-reporter.js"]
}
