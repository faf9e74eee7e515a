// The demo storefront (not part of the package): a "My credits" page built from
// medusa-plugin-iap/storefront against the demo store, and a demo third-party service that
// charges credits through the provider API. `npm run dev` starts it on :8000 next to the store.
import fs from "fs"
import path from "path"
import { defineConfig } from "vite"

const ROOT = path.resolve(__dirname, "..")
const SUMMARY = path.join(ROOT, ".data", "demo.json")
const BACKEND = process.env.IAP_DEMO_BACKEND_URL || `http://localhost:${process.env.PORT || 9000}`

function summary() {
  try {
    return JSON.parse(fs.readFileSync(SUMMARY, "utf8"))
  } catch {
    return null
  }
}

/**
 * POST /demo-api/reveal { account_token, domain }: the demo's "lead reveal" provider, a
 * third-party server holding the service key (from the seed's summary, never sent to the
 * browser). It charges 1 credit per reveal and passes the store's answer through, 402 included.
 */
function revealProvider() {
  return {
    name: "iap-demo-reveal-provider",
    configureServer(server) {
      server.middlewares.use("/demo-api/reveal", (req, res) => {
        let raw = ""
        req.on("data", (c) => (raw += c))
        req.on("end", async () => {
          const send = (status, body) => {
            res.statusCode = status
            res.setHeader("content-type", "application/json")
            res.end(JSON.stringify(body))
          }
          try {
            const key = summary()?.provider_keys?.reveal
            if (!key) return send(503, { type: "unavailable", message: "Run `npm run dev` once: the seed writes the demo's service key" })
            const { account_token, domain } = JSON.parse(raw || "{}")
            const r = await fetch(`${BACKEND}/iap/v1/charge`, {
              method: "POST",
              headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
              body: JSON.stringify({ account_token, credits: 1, idempotency_key: `reveal-${Date.now()}-${Math.random()}`, description: `Lead reveal: ${domain}` }),
            })
            const body = await r.json()
            if (!r.ok) return send(r.status, body)
            send(200, { lead: { domain, company: `${String(domain).split(".")[0]} GmbH`, employees: 42 }, account: body.account })
          } catch (e) {
            send(502, { type: "bad_gateway", message: String(e?.message || e) })
          }
        })
      })
    },
  }
}

export default defineConfig(() => {
  const demo = summary()
  return {
    root: __dirname,
    esbuild: { jsx: "automatic" },
    server: { port: Number(process.env.IAP_STOREFRONT_PORT || 8000), strictPort: true, host: "localhost" },
    define: {
      __IAP_DEMO__: JSON.stringify({
        backendUrl: BACKEND,
        publishableKey: demo?.publishable_keys?.[0]?.token ?? "",
        customer: demo ? { email: demo.customer.email, password: demo.customer.password } : null,
      }),
    },
    plugins: [revealProvider()],
  }
})
