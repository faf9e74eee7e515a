// The admin dashboard in a real browser (Chromium through playwright-core) against the demo
// store: log in, open Credits from the main sidebar and Settings → In-App Purchases, read the
// seeded accounts, grant credits through the drawer, see a bad amount rejected with the API's
// message and a dirty form ask before closing, set a threshold, check the account page's
// layout at 1024/1280/1600 px, create a pack product (then see it on sale through the store
// API), make a variant a pack, create an account from the customer page and grant to it, and
// find the IAP widgets on the customer, order and product pages.
//
// Run it with `npm run test:e2e` (scripts/e2e.js boots the demo store on a fresh database), or
// against a running demo store: E2E_BASE_URL=http://localhost:9000 node integration-tests/e2e/admin.e2e.js
const fs = require("fs")
const path = require("path")
const { chromium } = require("playwright-core")
const { createHarness, assert, assertEqual } = require("./harness")
const { placeCreditPackOrder, webshopView } = require("./api")

const ROOT = path.resolve(__dirname, "..", "..")
const ADMIN = { email: "admin@iap.test", password: "supersecret" }
const CUSTOMER = { email: "customer@iap.test", password: "supersecret" }
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
/** The first dashboard load compiles the admin with Vite: give it minutes on a busy machine. */
const FIRST_LOAD_MS = Number(process.env.E2E_FIRST_LOAD_MS || 240_000)
const STEP_MS = Number(process.env.E2E_STEP_MS || 30_000)

/** "1,234.5 SMS" → 1234.5 */
const parseCredits = (text) => Number(String(text).replace(/[^\d.-]/g, ""))

async function textOf(locator) {
  return (await locator.innerText()).trim()
}

/** Opens a dashboard path and waits for a selector, retrying once on a slow first compile. */
async function open(page, urlPath, selector, timeout = STEP_MS) {
  await page.goto(urlPath, { waitUntil: "domcontentloaded", timeout })
  await page.locator(selector).first().waitFor({ timeout })
}

function defineSteps(t, ctx) {
  t.test("logs in to the dashboard as the demo admin", async ({ page }) => {
    await page.goto("/app/login", { waitUntil: "domcontentloaded", timeout: FIRST_LOAD_MS })
    await page.locator('input[name="email"]').waitFor({ timeout: FIRST_LOAD_MS })
    await page.fill('input[name="email"]', ADMIN.email)
    await page.fill('input[name="password"]', ADMIN.password)
    await page.click('button[type="submit"]')
    await page.waitForURL((url) => !url.pathname.startsWith("/app/login"), { timeout: FIRST_LOAD_MS })
  })

  t.test(
    "opens Settings → In-App Purchases from the settings sidebar",
    async ({ page }) => {
      await page.goto("/app/settings", { waitUntil: "domcontentloaded", timeout: FIRST_LOAD_MS })
      const link = page.getByRole("link", { name: "In-App Purchases" }).first()
      await link.waitFor({ timeout: FIRST_LOAD_MS })
      await link.click()
      await page.waitForURL("**/app/settings/iap", { timeout: STEP_MS })
      await page.getByRole("heading", { name: "In-App Purchases", level: 1 }).waitFor({ timeout: FIRST_LOAD_MS })
    },
    { needs: ["logs in to the dashboard as the demo admin"] }
  )

  t.test(
    "opens Credits from the main sidebar",
    async ({ page }) => {
      await page.goto("/app/orders", { waitUntil: "domcontentloaded", timeout: FIRST_LOAD_MS })
      const link = page.getByRole("link", { name: "Credits", exact: true }).first()
      await link.waitFor({ timeout: FIRST_LOAD_MS })
      await link.click()
      await page.waitForURL("**/app/iap", { timeout: STEP_MS })
      await page.getByRole("heading", { name: "Credits", level: 1 }).waitFor({ timeout: STEP_MS })
      // Settings keeps services and packs only.
      await open(page, "/app/settings/iap", '[data-testid="iap-services"]')
      assertEqual(await page.getByTestId("iap-accounts").count(), 0, "no accounts list under Settings")
      await open(page, "/app/iap", '[data-testid="iap-accounts"]')
    },
    { needs: ["logs in to the dashboard as the demo admin"] }
  )

  t.test(
    "lists the seeded accounts with balances, state and channel names",
    async ({ page }) => {
      const accounts = page.getByTestId("iap-accounts")
      await accounts.getByText(CUSTOMER.email).first().waitFor({ timeout: STEP_MS })
      const rows = accounts.locator("tbody tr")
      const count = await rows.count()
      assert(count >= 2, `at least 2 seeded accounts listed, got ${count}`)
      const body = await textOf(accounts)
      assert(body.includes("SMS"), "the SMS account is listed")
      assert(body.includes("Postal mail"), "the postal-mail account is listed")
      assert(body.includes("B2B portal"), "the restricted account shows its sales channel's name")
      assert(body.includes("All sales channels"), "an unrestricted account says so")
      // Search narrows the list (by customer email); a miss shows the filtered empty state.
      const search = accounts.locator('input[type="search"], input[placeholder*="Search"]').first()
      await search.fill("nobody-here@example.org")
      await accounts.getByText("No matching accounts").waitFor({ timeout: STEP_MS })
      await search.fill("")
      await accounts.getByText(CUSTOMER.email).first().waitFor({ timeout: STEP_MS })
      await t.screenshot(page, "iap-credits")
      await accounts.screenshot({ path: path.join(ctx.artifacts, "iap-accounts.png") })
    },
    { needs: ["opens Credits from the main sidebar"] }
  )

  t.test(
    "lists the services and packs, and shows a new service key once with a copy button",
    async ({ page }) => {
      await open(page, "/app/settings/iap", '[data-testid="iap-services"]')
      const services = page.getByTestId("iap-services")
      for (const name of ["sms", "snailmail", "reveal", "partner_autocomplete"]) {
        await services.getByText(name, { exact: true }).first().waitFor({ timeout: STEP_MS })
      }
      const packs = page.getByTestId("iap-packs")
      await packs.getByRole("link", { name: "SMS credits" }).first().waitFor({ timeout: STEP_MS })

      const technicalName = `e2e_${Date.now().toString(36)}`
      await services.getByRole("button", { name: "Create" }).click()
      await page.fill("#service-technical-name", technicalName)
      await page.fill("#service-name", "E2E enrichment")
      await page.fill("#service-unit", "lookups")
      await page.click("#service-provider")
      await page.getByRole("option", { name: /Third party/ }).click()
      await page.getByRole("button", { name: "Create", exact: true }).last().click()
      const secret = page.getByTestId("iap-secret-value")
      await secret.waitFor({ timeout: STEP_MS })
      const key = await textOf(secret)
      assert(key.length >= 20, `a service key is shown (got ${key.length} characters)`)
      await page.getByTestId("iap-secret-copy").waitFor()
      await t.screenshot(page, "iap-service-key")
      await page.getByRole("button", { name: "I have copied it" }).click()
      await secret.waitFor({ state: "detached", timeout: STEP_MS })
      await services.getByText(technicalName, { exact: true }).waitFor({ timeout: STEP_MS })
      const row = await textOf(services.locator("tr", { hasText: technicalName }))
      assert(!row.includes(key), "the plain key is not shown again in the list")
      assert(row.includes(key.slice(-4)), "the list shows only the key's hint")
      // Archive it from the row's action menu, after the confirmation prompt.
      await services.locator("tr", { hasText: technicalName }).getByRole("button").last().click()
      await page.getByRole("menuitem", { name: "Archive" }).click()
      await page.getByRole("alertdialog").getByRole("button", { name: "Archive" }).click()
      await services.locator("tr", { hasText: technicalName }).getByText("Archived").waitFor({ timeout: STEP_MS })
    },
    { needs: ["opens Settings → In-App Purchases from the settings sidebar"] }
  )

  t.test(
    "shows the seeded SMS rate card and creates a version from CSV, refusing a bad one with the API's message",
    async ({ page }) => {
      await open(page, "/app/settings/iap", '[data-testid="iap-services"] tbody tr')
      const services = page.getByTestId("iap-services")
      await services.locator("tbody tr").filter({ has: page.getByText("sms", { exact: true }) }).first().getByRole("button").last().click()
      await page.getByRole("menuitem", { name: "Rate card" }).click()
      const drawer = page.getByTestId("iap-rate-card")
      await drawer.getByText("current", { exact: true }).first().waitFor({ timeout: STEP_MS })
      await drawer.getByText("country: DE").waitFor({ timeout: STEP_MS })
      await drawer.getByText("country: *").waitFor({ timeout: STEP_MS })
      await t.screenshot(page, "iap-rate-card")

      await page.fill("#rates-csv", "metric,country\nsms_part,DE\n")
      await drawer.getByRole("button", { name: "Create version" }).click()
      await drawer.getByText(/csv header must have a unit_credits column/).waitFor({ timeout: STEP_MS })

      const future = new Date(Date.now() + 7 * 86_400_000)
      const local = new Date(future.getTime() - future.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
      await page.fill("#rates-valid-from", local)
      await page.fill("#rates-csv", "metric,country,unit_credits,tiers\nsms_part,DE,1,\nsms_part,*,3,\n")
      await drawer.getByRole("button", { name: "Create version" }).click()
      await drawer.getByText("scheduled", { exact: true }).first().waitFor({ timeout: STEP_MS })
      await drawer.getByText("country: *").waitFor({ timeout: STEP_MS })
      await page.keyboard.press("Escape")
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
    },
    { needs: ["opens Settings → In-App Purchases from the settings sidebar"] }
  )

  t.test(
    "opens the customer's SMS account page: balance cards, consumption chart, lots, ledger",
    async ({ page }) => {
      await open(page, "/app/iap", '[data-testid="iap-accounts"] tbody tr')
      await page.getByTestId("iap-accounts").locator("tbody tr", { hasText: "SMS" }).filter({ hasText: CUSTOMER.email }).first().click()
      await page.waitForURL("**/app/iap/accounts/*", { timeout: STEP_MS })
      ctx.accountUrl = new URL(page.url()).pathname
      await page.getByTestId("iap-account-heading").waitFor({ timeout: STEP_MS })
      assertEqual(await textOf(page.getByTestId("iap-account-heading")), "SMS account", "heading")
      ctx.balance = parseCredits(await textOf(page.getByTestId("iap-balance-value")))
      const available = parseCredits(await textOf(page.getByTestId("iap-available-value")))
      assert(Number.isFinite(ctx.balance) && ctx.balance > 0, `a positive seeded balance (got ${ctx.balance})`)
      assert(available <= ctx.balance, "available ≤ balance")
      const bars = page.getByTestId("iap-consumption-bar")
      await bars.first().waitFor({ timeout: STEP_MS })
      assertEqual(await bars.count(), 30, "one bar per day of the last 30 days")
      assertEqual(await textOf(page.getByTestId("iap-consumption-y-label")), "SMS per day", "the y-axis names its unit")
      // Hovering a day with consumption shows its date and credits in a tooltip.
      const used = page.locator('[data-testid="iap-consumption-bar"]:not([data-credits="0"])').last()
      await used.hover()
      const tip = page.getByRole("tooltip").first()
      await tip.waitFor({ timeout: STEP_MS })
      const credits = await used.getAttribute("data-credits")
      assert((await textOf(tip)).includes(`${credits} SMS`), `the tooltip names the day's credits (${await textOf(tip)})`)
      await page.getByTestId("iap-lot-row").first().waitFor({ timeout: STEP_MS })
      // The seeded trial lot is spent: it reads "Used up" (not "Available") and has nothing to void.
      const usedUp = page.getByTestId("iap-lot-row").filter({ hasText: "Used up" })
      assert((await usedUp.count()) >= 1, "a spent lot reads Used up")
      assertEqual(await usedUp.first().getByTestId("iap-lot-actions").count(), 0, "a used-up lot has no actions")
      // "Void" is an item of an available lot's row action menu.
      const availableLot = page.getByTestId("iap-lot-row").filter({ hasText: "Available" }).first()
      await availableLot.getByTestId("iap-lot-actions").click()
      await page.getByRole("menuitem", { name: "Void" }).waitFor({ timeout: STEP_MS })
      await page.keyboard.press("Escape")
      await page.getByRole("menuitem", { name: "Void" }).waitFor({ state: "detached", timeout: STEP_MS })
      await page.getByTestId("iap-transactions").locator("tbody tr").first().waitFor({ timeout: STEP_MS })
      const csv = await page.getByTestId("iap-csv-link").getAttribute("href")
      assert(csv.includes("/admin/iap/transactions/export") && csv.includes("account_id="), `CSV link for this account (${csv})`)
      const res = await page.request.get(csv)
      assertEqual(res.status(), 200, "CSV download status")
      assert((await res.text()).startsWith("seq,id,created_at"), "the CSV starts with its header row")
    },
    { needs: ["lists the seeded accounts with balances, state and channel names"] }
  )

  t.test(
    "grants credits through the drawer: balance and ledger update",
    async ({ page }) => {
      await page.getByTestId("iap-grant-open").click()
      const drawer = page.getByTestId("iap-grant-drawer")
      await drawer.waitFor({ timeout: STEP_MS })
      await drawer.locator("#grant-amount").fill("250")
      await drawer.locator("#grant-note").fill("E2E goodwill credits")
      await drawer.locator("#grant-expires").fill("90")
      await page.getByTestId("iap-grant-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await page.getByText("Granted 250 SMS").first().waitFor({ timeout: STEP_MS })
      const expected = ctx.balance + 250
      await page.waitForFunction(
        ([want]) => {
          const el = document.querySelector('[data-testid="iap-balance-value"]')
          return el && Number(el.textContent.replace(/[^\d.-]/g, "")) === want
        },
        [expected],
        { timeout: STEP_MS }
      )
      const first = page.getByTestId("iap-transactions").locator("tbody tr").first()
      await first.getByText("E2E goodwill credits").waitFor({ timeout: STEP_MS })
      const row = await textOf(first)
      assert(row.includes("+250"), `the newest ledger row is +250 (${row})`)
      assert(row.includes("Grant"), `the newest ledger row is a grant (${row})`)
      assert(row.includes("Admin"), `the grant is by an admin (${row})`)
      ctx.balance = expected
    },
    { needs: ["opens the customer's SMS account page: balance cards, consumption chart, lots, ledger"] }
  )

  t.test(
    "a bad amount shows the API's error in the grant drawer; closing a dirty form asks first",
    async ({ page }) => {
      await page.getByTestId("iap-grant-open").click()
      const drawer = page.getByTestId("iap-grant-drawer")
      await drawer.waitFor({ timeout: STEP_MS })
      await drawer.locator("#grant-amount").fill("1.5")
      await drawer.locator("#grant-note").fill("Half an SMS")
      await page.getByTestId("iap-grant-submit").click()
      const error = drawer.getByTestId("iap-form-error")
      await error.waitFor({ timeout: STEP_MS })
      const message = await textOf(error)
      assert(/amount must be a whole number for this service/i.test(message), `the API's message is shown (got "${message}")`)
      await t.screenshot(page, "iap-grant-error")
      // Client-side checks still catch what is not a number at all, before any request.
      await drawer.locator("#grant-amount").fill("ten")
      await page.getByTestId("iap-grant-submit").click()
      await drawer.getByTestId("grant-amount-error").waitFor({ timeout: STEP_MS })
      assertEqual(await drawer.getByTestId("iap-form-error").count(), 0, "the earlier API error is cleared")
      // The corrected request goes through: a refused request does not burn the form's idempotency key.
      await drawer.locator("#grant-amount").fill("2")
      await page.getByTestId("iap-grant-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      ctx.balance += 2
      await page.waitForFunction(
        ([want]) => {
          const el = document.querySelector('[data-testid="iap-balance-value"]')
          return el && Number(el.textContent.replace(/[^\d.-]/g, "")) === want
        },
        [ctx.balance],
        { timeout: STEP_MS }
      )
      await page.getByTestId("iap-grant-open").click()
      await drawer.locator("#grant-amount").fill("ten")
      // The form is dirty: closing asks first; "Keep editing" keeps what was typed.
      await drawer.getByRole("button", { name: "Cancel" }).click()
      const prompt = page.getByTestId("iap-unsaved-prompt")
      await prompt.waitFor({ timeout: STEP_MS })
      await t.screenshot(page, "iap-unsaved-prompt")
      await prompt.getByRole("button", { name: "Keep editing" }).click()
      await prompt.waitFor({ state: "detached", timeout: STEP_MS })
      assertEqual(await drawer.locator("#grant-amount").inputValue(), "ten", "the typed amount is kept")
      // Esc asks too; "Discard" closes, and the next opening starts empty.
      await page.keyboard.press("Escape")
      await prompt.waitFor({ timeout: STEP_MS })
      await prompt.getByRole("button", { name: "Discard" }).click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await page.getByTestId("iap-grant-open").click()
      assertEqual(await drawer.locator("#grant-amount").inputValue(), "", "a reopened form starts empty")
      // An untouched form closes without asking.
      await drawer.getByRole("button", { name: "Cancel" }).click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      assertEqual(await prompt.count(), 0, "no prompt for a clean form")
      const balance = parseCredits(await textOf(page.getByTestId("iap-balance-value")))
      assertEqual(balance, ctx.balance, "the balance is unchanged by the rejected and discarded grants")
    },
    { needs: ["opens the customer's SMS account page: balance cards, consumption chart, lots, ledger"] }
  )

  t.test(
    "sets a low-balance threshold with recipients",
    async ({ page }) => {
      await page.getByTestId("iap-warning-edit").click()
      const drawer = page.getByTestId("iap-warning-drawer")
      await drawer.waitFor({ timeout: STEP_MS })
      await drawer.locator("#warning-threshold").fill("75")
      await drawer.locator("#warning-recipients").fill("ops@iap.test, finance@iap.test")
      await page.getByTestId("iap-warning-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await page.getByTestId("iap-warning-threshold").getByText("75 SMS").waitFor({ timeout: STEP_MS })
      // Reload: the values come back from the API, not from the form's state.
      await page.reload({ waitUntil: "domcontentloaded" })
      await page.getByTestId("iap-warning-threshold").getByText("75 SMS").waitFor({ timeout: STEP_MS })
      const status = await textOf(page.getByTestId("iap-warning-status"))
      assert(/(below|above) 75 SMS$/.test(status), `the warning status names its threshold (${status})`)
      const recipients = await textOf(page.getByTestId("iap-warning-recipients"))
      assert(recipients.includes("ops@iap.test") && recipients.includes("finance@iap.test"), `both recipients saved (${recipients})`)
      await page.getByTestId("iap-balance-value").waitFor()
      await t.screenshot(page, "iap-account")
    },
    { needs: ["opens the customer's SMS account page: balance cards, consumption chart, lots, ledger"] }
  )

  t.test(
    "restricts the account to a sales channel with the picker",
    async ({ page }) => {
      await page.getByTestId("iap-access-edit").click()
      const drawer = page.getByTestId("iap-access-drawer")
      await drawer.getByText("Webshop").waitFor({ timeout: STEP_MS })
      await drawer.getByLabel("Webshop").click()
      await page.getByTestId("iap-access-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await page.getByTestId("iap-restriction").getByText("Webshop").waitFor({ timeout: STEP_MS })
      // And back to every channel, as the demo had it.
      await page.getByTestId("iap-access-edit").click()
      await drawer.getByText("Webshop").waitFor({ timeout: STEP_MS })
      await drawer.getByLabel("Webshop").click()
      await page.getByTestId("iap-access-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await page.getByTestId("iap-restriction").getByText("All sales channels").waitFor({ timeout: STEP_MS })
    },
    { needs: ["opens the customer's SMS account page: balance cards, consumption chart, lots, ledger"] }
  )

  t.test(
    "voids what remains of a lot from its row action menu",
    async ({ page }) => {
      await open(page, ctx.accountUrl, '[data-testid="iap-lot-row"]')
      const id = ctx.accountUrl.split("/").pop()
      const { account } = await (await page.request.get(`/admin/iap/accounts/${id}`)).json()
      const lot = account.lots[0]
      assertEqual([lot.initial_amount, lot.remaining, lot.status].join(" "), "2 2 available", "the newest lot is the 2-credit grant")
      const row = page.locator(`[data-lot-id="${lot.id}"]`)
      await row.getByTestId("iap-lot-actions").click()
      await page.getByRole("menuitem", { name: "Void" }).click()
      const dialog = page.getByRole("alertdialog")
      await dialog.getByText("2 SMS will be removed from the balance").waitFor({ timeout: STEP_MS })
      await dialog.getByRole("button", { name: "Void" }).click()
      await page.getByText("Voided 2 SMS").first().waitFor({ timeout: STEP_MS })
      await row.getByText("Voided").waitFor({ timeout: STEP_MS })
      assertEqual(await row.getByTestId("iap-lot-actions").count(), 0, "a voided lot has no actions left")
      ctx.balance -= 2
      await page.waitForFunction(
        ([want]) => {
          const el = document.querySelector('[data-testid="iap-balance-value"]')
          return el && Number(el.textContent.replace(/[^\d.-]/g, "")) === want
        },
        [ctx.balance],
        { timeout: STEP_MS }
      )
    },
    { needs: ["a bad amount shows the API's error in the grant drawer; closing a dirty form asks first"] }
  )

  t.test(
    "the account page shows every section without horizontal overflow at 1024, 1280 and 1600 px",
    async ({ page }) => {
      // A long ledger note, the kind that used to push the sidebar off-screen.
      const id = ctx.accountUrl.split("/").pop()
      const note = "Goodwill after the outage of the SMS gateway on the 3rd: ".repeat(6).trim()
      const res = await page.request.post(`/admin/iap/accounts/${id}/grant`, { data: { amount: "1", note } })
      assertEqual(res.status(), 200, "grant with a long note")
      ctx.balance += 1
      try {
        for (const width of [1024, 1280, 1600]) {
          await page.setViewportSize({ width, height: 1000 })
          await open(page, ctx.accountUrl, '[data-testid="iap-account-sidebar"]')
          await page.getByTestId("iap-transactions").locator("tbody tr").first().getByText("Goodwill after the outage").waitFor({ timeout: STEP_MS })
          await page.getByTestId("iap-consumption-bar").first().waitFor({ timeout: STEP_MS })
          const m = await page.evaluate(() => {
            const vw = document.documentElement.clientWidth
            const wider = [...document.querySelectorAll("body *")]
              .filter((el) => {
                const r = el.getBoundingClientRect()
                return r.width > 0 && r.height > 0 && (r.right > vw + 1 || r.width > vw)
              })
              .map((el) => `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""}`)
            const box = (t) => document.querySelector(`[data-testid="${t}"]`).getBoundingClientRect()
            const sections = ["iap-account-heading", "iap-balance", "iap-consumption", "iap-transactions", "iap-lots", "iap-holds", "iap-access", "iap-warning"]
            return {
              vw,
              scrollWidth: document.documentElement.scrollWidth,
              wider: wider.slice(0, 5),
              sidebar: box("iap-account-sidebar").width,
              offscreen: sections.filter((t) => box(t).right > vw + 1 || box(t).left < 0),
            }
          })
          assertEqual(m.scrollWidth, m.vw, `no horizontal page scroll at ${width} px`)
          assertEqual(m.wider.join(", "), "", `no element wider than the viewport at ${width} px`)
          assertEqual(m.offscreen.join(", "), "", `every section inside the viewport at ${width} px`)
          if (width >= 1280) assert(m.sidebar >= 320, `sidebar ≥ 320 px at ${width} px (got ${m.sidebar})`)
          await page.screenshot({ path: path.join(ctx.artifacts, `iap-account-${width}.png`) })
        }
        // The long note is cut to one line; its full text is in a tooltip.
        const cell = page.getByTestId("iap-transactions").locator("tbody tr").first().getByTestId("iap-truncated")
        await cell.hover()
        await page.getByRole("tooltip").filter({ hasText: note.slice(-40) }).first().waitFor({ timeout: STEP_MS })
      } finally {
        await page.setViewportSize({ width: 1440, height: 1000 })
      }
    },
    { needs: ["opens the customer's SMS account page: balance cards, consumption chart, lots, ledger"] }
  )

  t.test(
    "creates an account from the customer page (token shown once) and grants to it",
    async ({ page }) => {
      const { customers } = await (await page.request.get(`/admin/customers?q=${encodeURIComponent(CUSTOMER.email)}&fields=id`)).json()
      await open(page, `/app/customers/${customers[0].id}`, '[data-testid="iap-customer-account-row"]', FIRST_LOAD_MS)
      const widget = page.getByTestId("iap-customer-widget")
      assertEqual(await widget.getByTestId("iap-customer-account-row").filter({ hasText: "Lead generation" }).count(), 0, "no reveal account yet")

      await widget.getByTestId("iap-customer-create-account").click()
      const drawer = page.getByTestId("iap-create-account-drawer")
      await drawer.waitFor({ timeout: STEP_MS })
      await page.getByTestId("iap-create-account-submit").click()
      await drawer.getByTestId("account-service-error").getByText("Choose a service").waitFor({ timeout: STEP_MS })
      await drawer.locator("#account-service").click()
      await page.getByRole("option", { name: /\(reveal\)/ }).click()
      await drawer.locator("#account-threshold").fill("5")
      await t.screenshot(page, "iap-create-account")
      await page.getByTestId("iap-create-account-submit").click()
      const secret = page.getByTestId("iap-secret-value")
      await secret.waitFor({ timeout: STEP_MS })
      const token = await textOf(secret)
      assert(token.length >= 20, `the account token is shown (${token.length} characters)`)
      await page.getByTestId("iap-secret-copy").waitFor()
      await t.screenshot(page, "iap-account-token")
      await page.getByRole("button", { name: "I have copied it" }).click()
      const row = widget.getByTestId("iap-customer-account-row").filter({ hasText: "Lead generation" })
      await row.waitFor({ timeout: STEP_MS })
      assert(!(await textOf(widget)).includes(token), "the token is not shown again")

      // Grant to it from its row's action menu (the service is preselected).
      await row.getByTestId("iap-customer-account-actions").click()
      await page.getByRole("menuitem", { name: "Grant credits" }).click()
      const grant = page.getByTestId("iap-customer-grant-drawer")
      await grant.waitFor({ timeout: STEP_MS })
      await grant.locator("#grant-amount").fill("25")
      await grant.locator("#grant-note").fill("E2E welcome lookups")
      await page.getByTestId("iap-customer-grant-submit").click()
      await grant.waitFor({ state: "detached", timeout: STEP_MS })
      await row.getByText("25 credits").first().waitFor({ timeout: STEP_MS })

      // A service the customer has no account for: granting opens one.
      assertEqual(await widget.getByTestId("iap-customer-account-row").filter({ hasText: "Partner autocomplete" }).count(), 0, "no partner_autocomplete account yet")
      await widget.getByTestId("iap-customer-grant").click()
      await grant.waitFor({ timeout: STEP_MS })
      await grant.locator("#customer-grant-service").click()
      await page.getByRole("option", { name: /\(partner_autocomplete\)/ }).click()
      await grant.getByText("No account yet: one is opened for this customer").waitFor({ timeout: STEP_MS })
      await grant.locator("#grant-amount").fill("40")
      await grant.locator("#grant-note").fill("E2E goodwill lookups")
      await page.getByTestId("iap-customer-grant-submit").click()
      await grant.waitFor({ state: "detached", timeout: STEP_MS })
      const opened = widget.getByTestId("iap-customer-account-row").filter({ hasText: "Partner autocomplete" })
      await opened.getByText("40 credits").first().waitFor({ timeout: STEP_MS })
      const { accounts } = await (await page.request.get(`/admin/iap/accounts?customer_id=${customers[0].id}&service=partner_autocomplete`)).json()
      assertEqual(accounts.length, 1, "one partner_autocomplete account opened")
      assertEqual(accounts[0].balance, 40, "the grant landed on the account it opened")
      assertEqual(accounts[0].sales_channel_ids.length, 0, "the opened account is unrestricted")
    },
    { needs: ["logs in to the dashboard as the demo admin"] }
  )

  t.test(
    "sets up auto-recharge for the customer's Partner autocomplete account with their saved test card",
    async ({ page }) => {
      const { customers } = await (await page.request.get(`/admin/customers?q=${encodeURIComponent(CUSTOMER.email)}&fields=id`)).json()
      const { accounts } = await (await page.request.get(`/admin/iap/accounts?customer_id=${customers[0].id}&service=partner_autocomplete`)).json()
      const accountId = accounts[0].id
      await open(page, `/app/iap/accounts/${accountId}`, '[data-testid="iap-auto-recharge-edit"]', FIRST_LOAD_MS)
      const section = page.getByTestId("iap-auto-recharge")
      await section.getByText("Set it up here with one of the customer's saved payment methods").waitFor({ timeout: STEP_MS })
      assertEqual(await textOf(page.getByTestId("iap-auto-recharge-edit")), "Set up", "no settings yet: the button sets them up")

      await page.getByTestId("iap-auto-recharge-edit").click()
      const drawer = page.getByTestId("iap-auto-recharge-drawer")
      await drawer.waitFor({ timeout: STEP_MS })
      await page.getByTestId("iap-auto-recharge-submit").click()
      await drawer.getByTestId("auto-recharge-pack-error").getByText("Choose a pack").waitFor({ timeout: STEP_MS })
      await drawer.getByTestId("auto-recharge-method-error").getByText("Choose a saved payment method").waitFor({ timeout: STEP_MS })

      await drawer.locator("#auto-recharge-pack").click()
      await page.getByRole("option", { name: /^500 credits/ }).click()
      await drawer.locator("#auto-recharge-quantity").fill("2")
      await drawer.locator("#auto-recharge-trigger").fill("10")
      await drawer.locator("#auto-recharge-count-cap").fill("4")
      // Five decimals pass the form's own check; the API refuses them and its message is shown.
      await drawer.locator("#auto-recharge-amount-cap").fill("50.00001")
      await drawer.locator("#auto-recharge-method").click()
      // The demo seed made the customer an account holder at the test card provider: its saved cards.
      const cards = page.getByRole("option", { name: /pp_iaptest_card/ })
      await cards.first().waitFor({ timeout: STEP_MS })
      assertEqual(await cards.count(), 4, "the customer's four saved test cards")
      await page.getByRole("option", { name: /pm_visa_/ }).click()
      await drawer.locator("#auto-recharge-region").click()
      await page.getByRole("option", { name: /^Europe/ }).click()
      await page.getByTestId("iap-auto-recharge-submit").click()
      const refused = drawer.getByTestId("iap-form-error")
      await refused.waitFor({ timeout: STEP_MS })
      assert((await textOf(refused)).includes("monthly_amount_cap must have at most 4 decimal places"), `the API's message (${await textOf(refused)})`)
      await drawer.locator("#auto-recharge-amount-cap").fill("50")
      await t.screenshot(page, "iap-auto-recharge-drawer")
      await page.getByTestId("iap-auto-recharge-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })

      await page.getByTestId("iap-auto-recharge-trigger").getByText("Below 10 credits").waitFor({ timeout: STEP_MS })
      assertEqual(await textOf(page.getByTestId("iap-auto-recharge-status")), "On: recharges on the next drop below", "armed")
      const payment = await textOf(page.getByTestId("iap-auto-recharge-payment"))
      assert(/pm_visa_cus_\S+ \(pp_iaptest_card\)/.test(payment), `the saved visa card (${payment})`)
      await page.getByTestId("iap-auto-recharge-buys").getByText(/^2 × 500 credits \(Partner autocomplete credits/).waitFor({ timeout: STEP_MS })
      const cap = await textOf(page.getByTestId("iap-auto-recharge-cap"))
      assert(cap.includes("4 recharges") && cap.includes("50"), `both monthly caps (${cap})`)
      assertEqual(await textOf(page.getByTestId("iap-auto-recharge-edit")), "Edit", "settings exist: the button edits them")
      await t.screenshot(page, "iap-auto-recharge")

      const { auto_recharge } = await (await page.request.get(`/admin/iap/accounts/${accountId}/auto-recharge`)).json()
      assertEqual(
        JSON.stringify([auto_recharge.enabled, auto_recharge.armed, auto_recharge.quantity, auto_recharge.trigger, auto_recharge.monthly_count_cap, auto_recharge.monthly_amount_cap, auto_recharge.currency_code, auto_recharge.provider_id]),
        JSON.stringify([true, true, 2, 10, 4, 50, "eur", "pp_iaptest_card"]),
        "the settings saved"
      )
    },
    { needs: ["creates an account from the customer page (token shown once) and grants to it"] }
  )

  t.test(
    "creates a pack product in Settings and sees it on sale through the store API",
    async ({ page }) => {
      await open(page, "/app/settings/iap", '[data-testid="iap-pack-product-create"]:not([disabled])')
      await page.getByTestId("iap-pack-product-create").click()
      const drawer = page.getByTestId("iap-pack-product-drawer")
      await drawer.waitFor({ timeout: STEP_MS })
      const title = `E2E SMS bundle ${Date.now().toString(36)}`
      await drawer.locator("#pack-product-service").click()
      await page.getByRole("option", { name: /\(sms\)/ }).click()
      await drawer.locator("#pack-product-title").fill(title)
      await drawer.getByLabel("Webshop").click()
      await drawer.locator("#pack-product-credits-0").fill("250")
      // A pack without any price is refused before any request.
      await page.getByTestId("iap-pack-product-submit").click()
      await drawer.getByTestId("pack-product-prices-0-error").waitFor({ timeout: STEP_MS })
      await drawer.locator("#pack-product-price-0-eur").fill("19.5")
      await page.getByTestId("iap-pack-product-add").click()
      await drawer.locator("#pack-product-credits-1").fill("2000")
      await drawer.locator("#pack-product-expires-1").fill("365")
      await drawer.locator("#pack-product-price-1-eur").fill("120")
      await drawer.locator("#pack-product-price-1-usd").fill("130")
      await t.screenshot(page, "iap-pack-product")
      await page.getByTestId("iap-pack-product-submit").click()
      await page.waitForURL("**/app/products/*", { timeout: STEP_MS })
      const productId = new URL(page.url()).pathname.split("/").pop()
      const widget = page.getByTestId("iap-product-widget")
      await widget.getByTestId("iap-pack-row").first().waitFor({ timeout: FIRST_LOAD_MS })
      assertEqual(await widget.getByTestId("iap-pack-row").count(), 2, "two packs on the new product")

      const { product, packs } = await webshopView(ctx.baseUrl, { admin: ADMIN, customer: CUSTOMER, productId })
      assert(product, "the Webshop storefront sees the product")
      assertEqual(product.title, title, "the product's title")
      assertEqual(packs.map((p) => Number(p.credits)).join(","), "250,2000", "both packs on sale in the Webshop")
      assertEqual(packs[1].expires_after_days, 365, "the 2000-credit pack expires after a year")
      assertEqual(packs[0].calculated_price && packs[0].calculated_price.calculated_amount, 19.5, "the EUR price of the 250 pack")
    },
    { needs: ["opens Settings → In-App Purchases from the settings sidebar"] }
  )

  t.test(
    "sells a product's variants as packs, then makes, edits and stops a pack from the variant widget",
    async ({ page }) => {
      const { sales_channels } = await (await page.request.get("/admin/sales-channels?name=Webshop")).json()
      const created = await page.request.post("/admin/products", {
        data: {
          title: `E2E plain product ${Date.now().toString(36)}`,
          status: "published",
          sales_channels: [{ id: sales_channels[0].id }],
          options: [{ title: "Size", values: ["50 SMS", "5000 SMS"] }],
          variants: [
            { title: "50 SMS", options: { Size: "50 SMS" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 5 }] },
            { title: "5000 SMS", options: { Size: "5000 SMS" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 300 }] },
          ],
        },
      })
      assertEqual(created.status(), 200, "plain product created")
      const { product } = await created.json()
      const small = product.variants.find((v) => v.title === "50 SMS")
      const large = product.variants.find((v) => v.title === "5000 SMS")

      // Product page: "Sell as credit packs", only the 50 SMS variant (the other left empty).
      await open(page, `/app/products/${product.id}`, '[data-testid="iap-product-sell-packs"]', FIRST_LOAD_MS)
      await page.getByTestId("iap-product-sell-packs").click()
      const sell = page.getByTestId("iap-sell-packs-drawer")
      await sell.waitFor({ timeout: STEP_MS })
      await sell.locator("#sell-packs-service").click()
      await page.getByRole("option", { name: /\(sms\)/ }).click()
      const inputs = sell.locator('[id^="sell-packs-credits-"]')
      for (let i = 0; i < (await inputs.count()); i++) {
        const input = inputs.nth(i)
        const value = await input.inputValue()
        assert(value === "50" || value === "5000", `credits prefilled from the title (${value})`)
        if (value === "5000") await input.fill("")
      }
      await t.screenshot(page, "iap-sell-packs")
      await page.getByTestId("iap-sell-packs-submit").click()
      await sell.waitFor({ state: "detached", timeout: STEP_MS })
      const widget = page.getByTestId("iap-product-widget")
      await widget.getByTestId("iap-pack-row").first().waitFor({ timeout: STEP_MS })
      assertEqual(await widget.getByTestId("iap-pack-row").count(), 1, "one variant sold as a pack")
      const packOf = async (variantId) => (await (await page.request.get(`/admin/iap/packs?variant_id=${variantId}`)).json()).packs[0]
      assertEqual(Number((await packOf(small.id)).credits), 50, "the 50 SMS variant grants 50")
      assertEqual(await packOf(large.id), undefined, "the 5000 SMS variant is not a pack")

      // Variant page: make the other variant a pack, edit it, then stop selling it as a pack.
      await open(page, `/app/products/${product.id}/variants/${large.id}`, '[data-testid="iap-variant-make-pack"]', FIRST_LOAD_MS)
      const variantWidget = page.getByTestId("iap-variant-widget")
      await page.getByTestId("iap-variant-make-pack").click()
      const drawer = page.getByTestId("iap-pack-drawer")
      await drawer.locator("#pack-service").click()
      await page.getByRole("option", { name: /\(sms\)/ }).click()
      assertEqual(await drawer.locator("#pack-credits").inputValue(), "5000", "credits prefilled from the title")
      await page.getByTestId("iap-pack-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await variantWidget.getByTestId("iap-variant-pack-credits").getByText("5,000 SMS").waitFor({ timeout: STEP_MS })
      assertEqual(Number((await packOf(large.id)).credits), 5000, "the variant is a 5000-credit pack")

      await variantWidget.getByTestId("iap-variant-pack-actions").click()
      await page.getByRole("menuitem", { name: "Edit" }).click()
      await drawer.locator("#pack-credits").fill("4500")
      await drawer.locator("#pack-expires").fill("30")
      await page.getByTestId("iap-pack-submit").click()
      await drawer.waitFor({ state: "detached", timeout: STEP_MS })
      await variantWidget.getByText("30 days after purchase").waitFor({ timeout: STEP_MS })
      const edited = await packOf(large.id)
      assertEqual(Number(edited.credits), 4500, "edited credits")
      assertEqual(edited.expires_after_days, 30, "edited expiry")
      await variantWidget.scrollIntoViewIfNeeded()
      await variantWidget.screenshot({ path: path.join(ctx.artifacts, "iap-variant-widget.png") })

      await variantWidget.getByTestId("iap-variant-pack-actions").click()
      await page.getByRole("menuitem", { name: "Stop selling as a pack" }).click()
      await page.getByRole("alertdialog").getByRole("button", { name: "Stop selling" }).click()
      await page.getByTestId("iap-variant-make-pack").waitFor({ timeout: STEP_MS })
      assertEqual(await packOf(large.id), undefined, "the variant is no longer a pack")
    },
    { needs: ["logs in to the dashboard as the demo admin"] }
  )

  t.test(
    "shows the customer's accounts in the customer page widget",
    async ({ page }) => {
      await open(page, ctx.accountUrl, '[data-testid="iap-account-heading"]')
      await page.getByRole("link", { name: CUSTOMER.email }).click()
      await page.waitForURL("**/app/customers/*", { timeout: STEP_MS })
      const widget = page.getByTestId("iap-customer-widget")
      await widget.getByTestId("iap-customer-account-row").first().waitFor({ timeout: FIRST_LOAD_MS })
      const sms = widget.getByTestId("iap-customer-account-row").filter({ hasText: "SMS" })
      assert((await textOf(sms)).includes(ctx.balance.toLocaleString("en-US")), "the widget shows the SMS balance after the grant")
      await widget.scrollIntoViewIfNeeded()
      await widget.screenshot({ path: path.join(ctx.artifacts, "iap-customer-widget.png") })
      await sms.getByTestId("iap-customer-account-actions").click()
      await page.getByRole("menuitem", { name: "View" }).click()
      await page.waitForURL(`**${ctx.accountUrl}`, { timeout: STEP_MS })
    },
    { needs: ["opens the customer's SMS account page: balance cards, consumption chart, lots, ledger"] }
  )

  t.test(
    "shows the credits an order granted in the order page widget",
    async ({ page }) => {
      const { order, lots } = await placeCreditPackOrder(ctx.baseUrl, { admin: ADMIN, customer: CUSTOMER, credits: 500 })
      assertEqual(lots.length, 1, "one lot for the one pack line")
      assertEqual(lots[0].initial_amount, 500, "the lot holds the pack's credits")
      await open(page, `/app/orders/${order.id}`, '[data-testid="iap-order-widget"]', FIRST_LOAD_MS)
      const widget = page.getByTestId("iap-order-widget")
      const lot = widget.getByTestId("iap-order-lot").first()
      await lot.getByText("500 SMS").waitFor({ timeout: STEP_MS })
      await lot.getByText("Available").waitFor({ timeout: STEP_MS })
      await widget.scrollIntoViewIfNeeded()
      await widget.screenshot({ path: path.join(ctx.artifacts, "iap-order-widget.png") })
      await t.screenshot(page, "iap-order")
    },
    { needs: ["logs in to the dashboard as the demo admin"] }
  )

  t.test(
    "shows the pack settings in the product and variant page widgets",
    async ({ page }) => {
      await open(page, "/app/settings/iap", '[data-testid="iap-packs"] tbody tr')
      await page.getByTestId("iap-packs").getByRole("link", { name: "SMS credits" }).first().click()
      await page.waitForURL("**/app/products/*", { timeout: STEP_MS })
      const widget = page.getByTestId("iap-product-widget")
      await widget.getByTestId("iap-pack-row").first().waitFor({ timeout: FIRST_LOAD_MS })
      assertEqual(await widget.getByTestId("iap-pack-row").count(), 3, "three SMS packs")
      const text = await textOf(widget)
      for (const credits of ["100 SMS", "500 SMS", "1,000 SMS"]) assert(text.includes(credits), `pack ${credits} listed`)
      await widget.scrollIntoViewIfNeeded()
      await widget.screenshot({ path: path.join(ctx.artifacts, "iap-product-widget.png") })

      const productPath = new URL(page.url()).pathname
      const { variants } = await page.evaluate(async (p) => {
        const res = await fetch(`/admin/products/${p.split("/").pop()}/variants?fields=id,title`, { credentials: "include" })
        return res.json()
      }, productPath)
      const variant = variants.find((v) => v.title === "500 SMS")
      await open(page, `${productPath}/variants/${variant.id}`, '[data-testid="iap-variant-widget"]', FIRST_LOAD_MS)
      const pack = page.getByTestId("iap-variant-widget")
      await pack.getByText("500 SMS").waitFor({ timeout: STEP_MS })
      await pack.getByText("SMS (sms)").waitFor({ timeout: STEP_MS })
      await pack.getByText("Never").waitFor({ timeout: STEP_MS })
    },
    { needs: ["opens Settings → In-App Purchases from the settings sidebar"] }
  )
}

function defineErrorSteps(t) {
  t.test(
    "an unknown account shows the API's 404 as an error state",
    async ({ page }) => {
      await open(page, "/app/settings/iap/accounts/iapacc_does_not_exist", '[data-testid="iap-error"]')
      const text = await textOf(page.getByTestId("iap-error"))
      assert(text.includes("This account does not exist"), `error title shown (${text})`)
      assert(/not found/i.test(text), `the API's message is shown (${text})`)
    },
    { needs: ["logs in to the dashboard as the demo admin"] }
  )
}

/**
 * Runs every step against `baseUrl`; screenshots go to `artifacts`. Resolves to
 * `{ passed, failed, results }`.
 */
async function runAdminE2e({ baseUrl, artifacts = path.join(ROOT, "test-artifacts", "e2e"), log } = {}) {
  fs.mkdirSync(artifacts, { recursive: true })
  const t = createHarness({ artifactsDir: artifacts, log })
  const ctx = { baseUrl, artifacts }
  defineSteps(t, ctx)
  defineErrorSteps(t)
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1440, height: 1000 }, locale: "en-US" })
    context.setDefaultTimeout(STEP_MS)
    ctx.page = await context.newPage()
    const consoleErrors = []
    ctx.page.on("pageerror", (e) => consoleErrors.push(String(e)))
    const outcome = await t.run(ctx)
    if (consoleErrors.length) {
      fs.writeFileSync(path.join(artifacts, "page-errors.log"), consoleErrors.join("\n\n") + "\n")
    }
    return outcome
  } finally {
    await browser.close()
  }
}

module.exports = { runAdminE2e }

if (require.main === module) {
  const baseUrl = process.env.E2E_BASE_URL || "http://localhost:9000"
  runAdminE2e({ baseUrl })
    .then(({ passed, failed }) => {
      process.stdout.write(`\n${passed} passed, ${failed} failed\n`)
      process.exit(failed ? 1 : 0)
    })
    .catch((e) => {
      process.stderr.write(String(e && e.stack ? e.stack : e) + "\n")
      process.exit(1)
    })
}
