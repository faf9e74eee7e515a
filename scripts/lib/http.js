// One plain GET for the scripts and the bench (readiness probes, smoke checks).
const http = require("http")

/**
 * GETs `url` and resolves `{ status, body }`; `{ status: 0, body: "" }` when nothing answers
 * within `timeoutMs`, so callers can poll without try/catch.
 *
 * @example
 * if ((await httpGet("http://127.0.0.1:9000/health")).status === 200) ready()
 */
function httpGet(url, { timeoutMs = 5000 } = {}) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (d) => (body += d))
      res.on("end", () => resolve({ status: res.statusCode, body }))
    })
    req.on("error", () => resolve({ status: 0, body: "" }))
    req.setTimeout(timeoutMs, () => req.destroy())
  })
}

module.exports = { httpGet }
