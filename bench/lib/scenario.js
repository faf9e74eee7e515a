// The frame of one scenario process: `node bench/scenarios/<name>.js --out <file> [--quick]`
// runs `run(ctx)` and writes { ok, result | error } as JSON to <file>.
const fs = require("fs")

function scenarioMain(name, run) {
  const args = process.argv.slice(2)
  const outIdx = args.indexOf("--out")
  const out = outIdx >= 0 ? args[outIdx + 1] : null
  const quick = args.includes("--quick")
  const env = JSON.parse(process.env.IAP_BENCH_PG_ENV || "{}")
  const log = (m) => process.stdout.write(`[${name}] ${m}\n`)
  const write = (payload) => {
    if (out) fs.writeFileSync(out, JSON.stringify(payload, null, 2))
    else process.stdout.write(JSON.stringify(payload, null, 2) + "\n")
  }
  run({ env, quick, log })
    .then((result) => {
      write({ ok: true, result })
      process.exit(0)
    })
    .catch((e) => {
      process.stderr.write(`[${name}] FAILED: ${e && e.stack ? e.stack : e}\n`)
      write({ ok: false, error: String(e && e.message ? e.message : e) })
      process.exit(1)
    })
}

module.exports = { scenarioMain }
