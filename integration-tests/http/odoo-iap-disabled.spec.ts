import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"
import { adminSession, channelsWithKeys, signedInCustomer } from "./helpers/portal-fixtures"

jest.setTimeout(120_000)

// Read by the root medusa-config.ts when the runner loads it; each test file has its own env.
process.env.IAP_ODOO_PROTOCOL = "disabled"

const NOT_FOUND = { type: "not_found", message: "The Odoo IAP protocol is disabled on this store (option odooProtocol)" }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("answers 404 on every /iap/1 route and on the routes that link Odoo databases", async () => {
      const iap = getContainer().resolve<IapModuleService>(IAP_MODULE)
      expect(iap.getOptions().odooProtocol).toBe("disabled")
      const { service, key } = await iap.createService({ technical_name: "reveal", name: "Lead reveal", provider_type: "third_party" })
      const { token } = await iap.createAccount({ service_id: service.id, customer_id: "cus_1" })
      await iap.grantCredits({ account_id: (await iap.findAccountByToken(token))!.id, amount: 5, idempotency_key: "g" })

      const envelope = (params: unknown) => ({ jsonrpc: "2.0", method: "call", params, id: "5d41402abc4b2a76b9719d911017c592" })
      const calls: [string, unknown][] = [
        ["authorize", { account_token: token, credit: 1, key, ttl: 1 }],
        ["capture", { token: "iaphold_x", key, credit_to_capture: 1 }],
        ["cancel", { token: "iaphold_x", key }],
        ["balance", { account_token: token, service_name: "reveal", dbuuid: null }],
        ["get-accounts-information", { iap_accounts: [{ token, service: "reveal" }], dbuuid: null }],
        ["update-warning-email-alerts", { account_token: token, warning_threshold: 1, warning_emails: [] }],
      ]
      for (const [path, params] of calls) {
        const res = await api.post(`/iap/1/${path}`, envelope(params), { validateStatus: () => true })
        expect([path, res.status, res.data]).toEqual([path, 404, NOT_FOUND])
      }
      const credit = await api.get(
        `/iap/1/credit?dbuuid=8e5f7c1a-3b2d-11ef-9a1b-0242ac120002&service_name=reveal&account_token=${token}`,
        { maxRedirects: 0, validateStatus: () => true }
      )
      expect([credit.status, credit.data]).toEqual([404, NOT_FOUND])
      const { rows } = await dbConnection.raw(`SELECT count(*)::int AS n FROM iap_hold`)
      expect(rows[0].n).toBe(0)

      const { Webshop } = await channelsWithKeys(getContainer(), ["Webshop"])
      const alice = await signedInCustomer(api, Webshop.key, "alice@acme.test")
      const link = await api.post(
        "/store/iap/odoo-tokens",
        { service: "reveal", account_token: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", dbuuid: "8e5f7c1a-3b2d-11ef-9a1b-0242ac120002" },
        { ...alice.headers(), validateStatus: () => true }
      )
      expect([link.status, link.data]).toEqual([404, NOT_FOUND])
      const admin = await adminSession(getContainer())
      const list = await api.get("/admin/iap/odoo-tokens", { ...admin.headers, validateStatus: () => true })
      expect([list.status, list.data]).toEqual([404, NOT_FOUND])
    })
  },
})
