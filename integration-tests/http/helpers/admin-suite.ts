import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type IapModuleService from "../../../src/modules/iap/service"
import { clock } from "../../../src/modules/iap/utils/clock"
import { adminSession, channelsWithKeys, Headers, iapOf } from "./portal-fixtures"

/**
 * The set-up every `integration-tests/http/admin/*.spec.ts` file shares: one Medusa app for the
 * file, and before each test (the runner empties the database after each) the `iap` service and a
 * fresh admin with its JWT headers; the test clock is reset after each test.
 */

export type AdminSession = { user: { id: string }; headers: Headers }

export type AdminSuite = {
  api: any
  getContainer: () => MedusaContainer
  /** The current test's `iap` service and admin (set before each test). */
  session: () => { iap: IapModuleService; admin: AdminSession }
}

/**
 * @example
 * adminSuite(({ api, session }) => {
 *   describe("GET /admin/iap/services", () => {
 *     it("needs a session", async () => { … })
 *   })
 * })
 */
export function adminSuite(testSuite: (suite: AdminSuite) => void) {
  jest.setTimeout(120_000)
  medusaIntegrationTestRunner({
    testSuite: ({ api, getContainer }) => {
      let current: { iap: IapModuleService; admin: AdminSession } | undefined

      beforeEach(async () => {
        current = { iap: iapOf(getContainer()), admin: await adminSession(getContainer()) }
      })

      afterEach(() => {
        current = undefined
        clock.reset()
      })

      testSuite({
        api,
        getContainer,
        session: () => {
          if (!current) throw new Error("session() is only available inside a test")
          return current
        },
      })
    },
  })
}

/**
 * Two customers (Alice of Acme and Bob), the sales channels "Webshop" and "B2B portal" with
 * their publishable keys, and the services `sms` (whole credits) and `snailmail`.
 */
export async function seedAccountsWorld(container: MedusaContainer) {
  const iap = iapOf(container)
  const channels = await channelsWithKeys(container, ["Webshop", "B2B portal"])
  const [acme, bob] = await container.resolve(Modules.CUSTOMER).createCustomers([
    { email: "ops@acme.test", first_name: "Alice" },
    { email: "bob@example.test", first_name: "Bob" },
  ])
  const { service: sms } = await iap.createService({ technical_name: "sms", name: "SMS", integer_credits: true })
  const { service: mail } = await iap.createService({ technical_name: "snailmail", name: "Postal mail" })
  return { channels, acme, bob, sms, mail }
}

/**
 * A known ledger over four UTC days: acme's sms account (grant, debit, capture, adjustment) and
 * bob's snailmail account (grant, debit), with descriptions that need CSV quoting (commas,
 * quotes, LF, CRLF). `rows` is the whole ledger in `seq` order as the admin API lists it.
 */
export async function seedKnownLedger(container: MedusaContainer, api: any, admin: AdminSession) {
  const iap = iapOf(container)
  const [acme, bob] = await container.resolve(Modules.CUSTOMER).createCustomers([
    { email: "ops@acme.test" },
    { email: "bob@example.test" },
  ])
  const { service: sms } = await iap.createService({ technical_name: "sms", name: "SMS", integer_credits: true })
  const { service: mail } = await iap.createService({ technical_name: "snailmail", name: "Postal mail" })
  clock.set(new Date("2030-01-01T09:00:00.000Z"))
  const { account: a } = await iap.createAccount({ service_id: sms.id, customer_id: acme.id })
  const { account: b } = await iap.createAccount({ service_id: mail.id, customer_id: bob.id })
  await api.post(`/admin/iap/accounts/${a.id}/grant`, { amount: 100, note: 'Welcome, "friend"', idempotency_key: "welcome" }, admin.headers)
  clock.set(new Date("2030-01-02T10:00:00.000Z"))
  const debit = await iap.debitCredits({
    account_id: a.id,
    amount: 3,
    idempotency_key: "sms-1",
    description: 'SMS to +49 151, "urgent"\nsecond line',
    reference_type: "sms",
    reference_id: "msg-1",
  })
  clock.set(new Date("2030-01-02T15:30:00.000Z"))
  const hold = await iap.authorizeCredits({ account_id: a.id, amount: 5, idempotency_key: "h-1", reference_type: "sms", reference_id: "msg-2" })
  await iap.captureHold({ hold_id: hold.hold.id, amount: 4, idempotency_key: "c-1", description: "Batch\r\nsend" })
  clock.set(new Date("2030-01-03T08:00:00.000Z"))
  await iap.grantCredits({ account_id: b.id, amount: 10.5, idempotency_key: "g-b" })
  await iap.debitCredits({ account_id: b.id, amount: 2.25, idempotency_key: "mail-1", description: "Letter" })
  clock.set(new Date("2030-01-04T12:00:00.000Z"))
  await api.post(`/admin/iap/accounts/${a.id}/adjust`, { amount: -1, note: "Goodwill", idempotency_key: "adj-1" }, admin.headers)
  clock.reset()
  const rows = (await api.get("/admin/iap/transactions?order=seq", admin.headers)).data.transactions
  return { acme, bob, sms, mail, a, b, hold: hold.hold, debit: debit.transaction, rows }
}
