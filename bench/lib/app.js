// The real Medusa app as a child process: `medusa db:migrate` and `medusa start` from the repo
// root (root medusa-config.ts, the plugin's module, routes and workflows from src/ through the CLI's
// ts-node), admin disabled, on a free loopback port. Memory is sampled from /proc/<pid>/status.
const { spawn } = require("child_process")
const fs = require("fs")
const http = require("http")
const net = require("net")
const os = require("os")
const path = require("path")

const ROOT = path.resolve(__dirname, "..", "..")
const { httpGet } = require(path.join(ROOT, "scripts", "lib", "http"))
const MEDUSA = path.join(ROOT, "node_modules", ".bin", "medusa")

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.once("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

function appEnv(databaseUrl, port) {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    IAP_ADMIN_DISABLED: "true",
    MEDUSA_DISABLE_TELEMETRY: "true",
    PORT: String(port),
    // Errors only: per-request log lines would be file writes measured as Medusa overhead.
    LOG_LEVEL: process.env.IAP_BENCH_APP_LOG_LEVEL || "error",
    // The DB_* variables of the test set-up would not be read by medusa-config.ts; drop them
    // so nothing can point the app anywhere else.
    DB_HOST: undefined,
    DB_NAME: undefined,
  }
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return ""
  }
}

/** Runs `medusa <args>` to completion; output goes to `logFile`. Rejects on a non-zero exit. */
function medusaRun(args, env, logFile, { cwd = ROOT } = {}) {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(logFile, "a")
    const child = spawn(MEDUSA, args, { cwd, env, stdio: ["ignore", fd, fd] })
    child.on("error", reject)
    child.on("exit", (code, signal) => {
      fs.closeSync(fd)
      if (code === 0) resolve()
      else reject(new Error(`medusa ${args.join(" ")} failed (${signal || code}); last lines of ${logFile}:\n${tail(logFile)}`))
    })
  })
}

/** JSON request helper: resolves { status, body }. */
function request(port, method, urlPath, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(
      { host: "127.0.0.1", port, method, path: urlPath, headers: { "content-type": "application/json", ...headers } },
      (res) => {
        let text = ""
        res.setEncoding("utf8")
        res.on("data", (c) => (text += c))
        res.on("end", () => {
          let parsed = text
          try {
            parsed = JSON.parse(text)
          } catch {}
          resolve({ status: res.statusCode, body: parsed })
        })
      }
    )
    req.on("error", reject)
    if (data) req.write(data)
    req.end()
  })
}

/** CPU time (ms, user + system) a process has used so far, or null once it is gone. */
function cpuMsOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    // utime and stime are fields 14 and 15 (1-based), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/** Busy and total CPU time of the whole machine so far (ms, from /proc/stat). */
function machineCpuMs() {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number)
  const total = line.reduce((a, b) => a + b, 0)
  const idle = line[3] + (line[4] || 0)
  return { busy: (total - idle) * 10, total: total * 10 }
}

/** kB values of VmRSS and VmHWM of one process, or null once it is gone. */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8")
    const kb = (k) => Number((new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(status) || [])[1] || 0)
    return { rss: kb("VmRSS"), hwm: kb("VmHWM") }
  } catch {
    return null
  }
}

/**
 * Starts the app and resolves once GET /health answers 200. Returns { port, pid, logFile,
 * sampler, stop() }. The app runs in its own process group, stopped as a group.
 */
async function startApp({ databaseUrl, log, bootTimeoutMs = 240_000, cwd = ROOT, env = {}, name = "app" }) {
  const port = await freePort()
  const logFile = path.join(os.tmpdir(), `iap-bench-${name}-${process.pid}.log`)
  fs.writeFileSync(logFile, "")
  const fd = fs.openSync(logFile, "a")
  const started = Date.now()
  const child = spawn(MEDUSA, ["start", "--port", String(port), "--host", "127.0.0.1"], {
    cwd,
    env: { ...appEnv(databaseUrl, port), ...env },
    stdio: ["ignore", fd, fd],
    detached: true,
  })
  fs.closeSync(fd)
  let exited = null
  child.on("exit", (code, signal) => (exited = { code, signal }))
  const killGroup = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {}
  }
  const onExit = () => killGroup("SIGKILL")
  process.on("exit", onExit)

  const stop = async () => {
    sampler.stop()
    if (!exited) {
      killGroup("SIGTERM")
      for (let i = 0; i < 100 && !exited; i++) await new Promise((r) => setTimeout(r, 100))
      if (!exited) killGroup("SIGKILL")
    }
    process.removeListener("exit", onExit)
  }

  const sampler = memorySampler(child.pid)
  while (true) {
    if (exited) {
      await stop()
      throw new Error(`the app exited during boot (${exited.signal || exited.code}); last lines of ${logFile}:\n${tail(logFile)}`)
    }
    if ((await httpGet(`http://127.0.0.1:${port}/health`, { timeoutMs: 2000 })).status === 200) break
    if (Date.now() - started > bootTimeoutMs) {
      await stop()
      throw new Error(`the app did not answer /health within ${bootTimeoutMs / 1000} s; last lines of ${logFile}:\n${tail(logFile)}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  log(`app up on 127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, log ${logFile})`)
  return { port, pid: child.pid, logFile, sampler, stop, bootSeconds: (Date.now() - started) / 1000 }
}

/**
 * Samples VmRSS of the app process every 100 ms; `window(name)` starts a named window whose max
 * RSS is kept, `report()` adds the process's own VmHWM (peak RSS over its lifetime, boot included).
 * Only the server process counts: the CLI serves in-process, and a short-lived telemetry helper
 * it may fork is not part of the app.
 */
function memorySampler(pid) {
  const windows = {}
  let current = null
  let lastHwm = 0
  const tick = () => {
    const m = memoryOf(pid)
    if (!m) return
    lastHwm = m.hwm
    if (current) {
      const w = windows[current]
      w.max_rss_kb = Math.max(w.max_rss_kb, m.rss)
      w.samples += 1
    }
  }
  const timer = setInterval(tick, 100)
  timer.unref()
  return {
    window(name) {
      tick()
      current = name
      windows[name] = windows[name] || { max_rss_kb: 0, samples: 0 }
      tick()
    },
    rssNowKb() {
      return (memoryOf(pid) || {}).rss || 0
    },
    report() {
      tick()
      return { windows, vm_hwm_kb: lastHwm }
    },
    stop() {
      clearInterval(timer)
    },
  }
}

module.exports = { startApp, medusaRun, appEnv, request, freePort, tail, cpuMsOf, machineCpuMs, memoryOf, ROOT }
