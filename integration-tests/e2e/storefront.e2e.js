// The demo storefront (storefront/, built from medusa-plugin-iap/storefront) in a real browser
// against the demo store: sign in as the demo customer, buy a credit pack, spend its trial
// credits through a third-party service until a 402 opens the paywall, see the balance grow
// once the admin captures the payment (the order, delivered by the free "Instant delivery", reads
// fulfilled), set a low-balance alert, download the history as CSV, change auto-recharge.
//
// scripts/e2e.js runs it after the dashboard steps (it starts the storefront's Vite server).
const { chromium } = require("playwright-core")
const { createHarness, assert, assertEqual } = require("./harness")
const { call, login, waitFor } = require("./api")

const ADMIN = { email: "admin@iap.test", password: "supersecret" }
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const STEP_MS = Number(process.env.E2E_STEP_MS || 30_000)

/** "1,234.5 credits" → 1234.5 */
const parseCredits = (text) => Number(String(text).replace(/[^\d.-]/g, ""))

/** The cells of the balances row of a service: [available, reserved, pending, expiring, link]. */
async function balanceRow(page, serviceName) {
  const row = page.getByRole("row", { name: new RegExp(`^${serviceName}`) })
  await row.waitFor({ timeout: STEP_MS })
  return (await row.getByRole("cell").allInnerTexts()).map((t) => t.trim())
}

function defineSteps(t, ctx) {
  t.test("signs in as the demo customer and sees the credits page", async ({ page }) => {
    await page.goto("/", { waitUntil: "domcontentloaded", timeout: STEP_MS * 4 })
    await page.getByRole("button", { name: "Sign in" }).click({ timeout: STEP_MS * 4 })
    await page.getByRole("heading", { name: "My credits" }).waitFor({ timeout: STEP_MS })
    const sms = await balanceRow(page, "SMS")
    assert(Number(sms[0].replace(/[^\d.]/g, "")) > 0, `the seeded SMS account has credits: ${sms}`)
  })

  t.test(
    "buys a 100-credit lead generation pack: its credits pending, what was there (or 5 trial credits) available",
    async ({ page }) => {
      // The dashboard steps may have opened (and granted to) the customer's account already.
      const before = await page.getByRole("row", { name: /^Lead generation/ }).count()
      ctx.leadAvailable = before ? parseCredits((await balanceRow(page, "Lead generation"))[0]) : 5
      await page.getByRole("button", { name: "Add 100 credits to cart" }).first().click()
      await page.getByText("In your cart: 100 credits").waitFor({ timeout: STEP_MS })
      await page.getByRole("button", { name: "Place order" }).click()
      const status = page.getByRole("status").filter({ hasText: "placed" })
      await status.waitFor({ timeout: STEP_MS * 2 })
      ctx.orderDisplay = (await status.innerText()).match(/#(\d+)/)[1]
      const row = await waitFor(async () => {
        await page.reload()
        const cells = await balanceRow(page, "Lead generation").catch(() => null)
        return cells && cells[2] === "100 credits" ? cells : null
      }, "the order's pending credits on the page")
      assertEqual(row.slice(0, 3).join(" | "), `${ctx.leadAvailable} credits | 0 credits | 100 credits`, "Lead generation available | reserved | pending")
    },
    { needs: ["signs in as the demo customer and sees the credits page"] }
  )

  t.test(
    "rotates the account token and spends the available credits until the paywall opens with its buy link",
    async ({ page }) => {
      await page.getByRole("button", { name: "Lead generation" }).click()
      await page.getByRole("button", { name: "Rotate token" }).click()
      await page.getByRole("button", { name: "Rotate now" }).click()
      const token = (await page.getByLabel("New account token").innerText()).trim()
      assert(token.startsWith("iapt_"), `a new token is shown once: ${token}`)
      await page.getByLabel("Account token of your Lead generation credits").fill(token)
      for (let i = 1; i <= ctx.leadAvailable; i++) {
        await page.getByRole("button", { name: "Reveal (1 credit)" }).click()
        await page.getByRole("status").filter({ hasText: `(${ctx.leadAvailable - i} credits left)` }).waitFor({ timeout: STEP_MS })
      }
      await page.getByRole("button", { name: "Reveal (1 credit)" }).click()
      const dialog = page.getByRole("dialog", { name: "Not enough credits" })
      await dialog.waitFor({ timeout: STEP_MS })
      assertEqual((await dialog.innerText()).includes("This needs 1 credits; you have 0 credits available."), true, "the dialog's numbers")
      const href = await dialog.getByRole("link", { name: "Buy credits" }).getAttribute("href")
      assert(/service=reveal/.test(href), `the buy link names the service: ${href}`)
      await page.keyboard.press("Escape")
      await dialog.waitFor({ state: "detached", timeout: STEP_MS })
    },
    { needs: ["buys a 100-credit lead generation pack: its credits pending, what was there (or 5 trial credits) available"] }
  )

  t.test(
    "shows the 100 credits available once the admin captures the payment",
    async ({ page }) => {
      const adminToken = await login(ctx.baseUrl, "user", ADMIN.email, ADMIN.password)
      const { orders } = await call(ctx.baseUrl, "GET", `/admin/orders?fields=id,display_id,payment_collections.payments.id&order=-created_at&limit=5`, { token: adminToken })
      const order = orders.find((o) => String(o.display_id) === ctx.orderDisplay)
      assert(order, `order #${ctx.orderDisplay} is in the admin`)
      await call(ctx.baseUrl, "POST", `/admin/payments/${order.payment_collections[0].payments[0].id}/capture`, { token: adminToken, body: {} })
      const row = await waitFor(async () => {
        await page.reload()
        const cells = await balanceRow(page, "Lead generation").catch(() => null)
        return cells && cells[0] === "100 credits" ? cells : null
      }, "the captured credits on the page")
      assertEqual(row.slice(0, 3).join(" | "), "100 credits | 0 credits | 0 credits", "Lead generation after capture")
      const delivered = await waitFor(async () => {
        const { order: o } = await call(ctx.baseUrl, "GET", `/admin/orders/${order.id}?fields=id,fulfillment_status,*items,*shipping_methods`, { token: adminToken })
        return o.fulfillment_status === "fulfilled" ? o : null
      }, "the pack order to fulfil itself")
      assertEqual(delivered.shipping_methods.map((m) => `${m.name} ${m.amount}`).join(", "), "Instant delivery 0", "the order's delivery")
    },
    { needs: ["buys a 100-credit lead generation pack: its credits pending, what was there (or 5 trial credits) available"] }
  )

  t.test(
    "sets a low-balance alert and downloads the history as CSV",
    async ({ page }) => {
      await page.getByRole("button", { name: "Lead generation" }).click()
      await page.getByLabel("Email me when available credits drop below").fill("20")
      await page.getByLabel("Recipients (comma-separated, up to 10)").fill("carla@iap.test")
      await page.getByRole("button", { name: "Save alert" }).click()
      await page.getByText("Alert saved.").waitFor({ timeout: STEP_MS })
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: STEP_MS }), page.getByRole("button", { name: "Download CSV" }).click()])
      const text = await streamText(await download.createReadStream())
      const lines = text.trim().split("\r\n")
      assertEqual(lines[0], "date,type,amount,balance_after,description,reference_type,reference_id", "CSV header")
      assertEqual(lines.filter((l) => l.includes(",debit,-1,")).length, ctx.leadAvailable, "CSV debit rows (one per reveal)")
      assert(lines.some((l) => l.includes(",purchase,100,")), `the purchase row is in the CSV:\n${text}`)
    },
    { needs: ["shows the 100 credits available once the admin captures the payment"] }
  )

  t.test(
    "changes the SMS auto-recharge trigger, switches it off and on again",
    async ({ page }) => {
      await page.getByRole("button", { name: "SMS", exact: true }).click()
      const section = page.getByRole("region", { name: "Auto-recharge" })
      const trigger = section.getByLabel("Recharge when available SMS drop below")
      await trigger.waitFor({ timeout: STEP_MS })
      await trigger.fill("40")
      await section.getByRole("button", { name: /^(Save auto-recharge|Save and switch on|Switch on auto-recharge)$/ }).click()
      await section.getByText("Auto-recharge saved.").waitFor({ timeout: STEP_MS })
      await section.getByText(/^On: when available SMS drop below 40, buy \d+ × /).waitFor({ timeout: STEP_MS })
      await section.getByRole("button", { name: "Switch off" }).click()
      await section.getByText("Auto-recharge is off.").waitFor({ timeout: STEP_MS })
      await section.getByRole("button", { name: "Save and switch on" }).click()
      await section.getByText(/^On: when available SMS drop below 40/).waitFor({ timeout: STEP_MS })
      await page.reload()
      await page.getByRole("button", { name: "SMS", exact: true }).click()
      await page.getByRole("region", { name: "Auto-recharge" }).getByText(/^On: when available SMS drop below 40/).waitFor({ timeout: STEP_MS })
    },
    { needs: ["signs in as the demo customer and sees the credits page"] }
  )
}

async function streamText(stream) {
  const chunks = []
  for await (const c of stream) chunks.push(c)
  return Buffer.concat(chunks).toString("utf8")
}

/** Runs the storefront steps against `storefrontUrl` (its backend is `baseUrl`); returns { passed, failed }. */
async function runStorefrontE2e({ baseUrl, storefrontUrl, artifacts }) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  })
  const context = await browser.newContext({ baseURL: storefrontUrl, viewport: { width: 1280, height: 900 }, acceptDownloads: true })
  const page = await context.newPage()
  const ctx = { page, baseUrl }
  const t = createHarness({ artifactsDir: artifacts })
  defineSteps(t, ctx)
  try {
    return await t.run(ctx)
  } finally {
    await browser.close()
  }
}

module.exports = { runStorefrontE2e }
