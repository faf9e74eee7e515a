import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { Client } from "pg"
import IapModuleService from "../service"
import { IAP_MODULE_TEST, sql } from "./helpers"

jest.setTimeout(120_000)

const TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
const DBUUID = "8e5f7c1a-3b2d-11ef-9a1b-0242ac120002"

moduleIntegrationTestRunner<IapModuleService>({
  ...IAP_MODULE_TEST,
  testSuite: ({ service, dbConfig }) => {
    let db: Client
    let serviceId: string

    beforeEach(async () => {
      db = await sql(dbConfig.clientUrl)
      serviceId = (await service.createService({ technical_name: "reveal", name: "Reveal", provider_type: "third_party" })).service.id
    })

    afterEach(async () => {
      await db.end()
    })

    const newAccount = async (customer: string) => (await service.createAccount({ service_id: serviceId, customer_id: customer })).account

    it("links one token to one account at a time, even when links race", async () => {
      const accounts = await Promise.all(["cus_a", "cus_b", "cus_c", "cus_d"].map(newAccount))
      const results = await Promise.allSettled(
        accounts.map((a) => service.linkOdooToken({ account_id: a.id, token: TOKEN, dbuuid: DBUUID }))
      )
      const won = results.filter((r) => r.status === "fulfilled")
      expect(won).toHaveLength(1)
      for (const r of results.filter((r) => r.status === "rejected")) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ type: "conflict", code: "odoo_token_linked" })
      }
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM iap_account_token WHERE revoked_at IS NULL`)
      expect(rows[0].n).toBe(1)
    })

    it("finds the account by token and database, forgets it once revoked, and keeps the revoked row", async () => {
      const a = await newAccount("cus_a")
      const b = await newAccount("cus_b")
      const { odoo_token } = await service.linkOdooToken({ account_id: a.id, token: TOKEN, dbuuid: DBUUID.toUpperCase(), sales_channel_id: "sc_1" })
      expect(odoo_token).toMatchObject({ account_id: a.id, dbuuid: DBUUID, sales_channel_id: "sc_1", token_hint: "…e1f0", revoked_at: null })

      const found = await service.findAccountByOdooToken(TOKEN, DBUUID.replace(/-/g, ""))
      expect([found!.account.id, found!.link]).toEqual([a.id, { id: odoo_token.id, dbuuid: DBUUID, sales_channel_id: "sc_1" }])
      expect((await service.findAccountByOdooToken(TOKEN, null))!.account.id).toBe(a.id)
      expect(await service.findAccountByOdooToken(TOKEN, "11111111-2222-3333-4444-555555555555")).toBeNull()
      expect(await service.findAccountByOdooToken(TOKEN.toUpperCase(), DBUUID)).toBeNull()

      const revoked = await service.revokeOdooToken(odoo_token.id, { customer_id: "cus_a" })
      expect(revoked.revoked_at).toEqual(expect.any(String))
      expect(await service.findAccountByOdooToken(TOKEN, DBUUID)).toBeNull()
      await expect(service.revokeOdooToken(odoo_token.id, { customer_id: "cus_b" })).rejects.toMatchObject({ type: "not_found" })

      // free again: another account may link it; the history keeps both rows
      const again = await service.linkOdooToken({ account_id: b.id, token: TOKEN, dbuuid: DBUUID })
      expect(again.created).toBe(true)
      expect((await service.findAccountByOdooToken(TOKEN, DBUUID))!.account.id).toBe(b.id)
      const page = await service.listOdooTokens({ service: ["reveal"] }, { limit: 10, offset: 0 })
      expect(page.data.map((t) => [t.account_id, t.revoked_at === null])).toEqual([
        [b.id, true],
        [a.id, false],
      ])
      expect((await service.listOdooTokens({ revoked: true }, { limit: 10, offset: 0 })).count).toBe(1)
      expect(await service.listOdooTokens({ customer_id: ["cus_b"] }, { limit: 10, offset: 5 })).toEqual({ data: [], count: 1, limit: 10, offset: 5 })
    })

    it("refuses a weak token, a bad dbuuid, and one of our own account tokens", async () => {
      const a = await newAccount("cus_a")
      const own = await service.createAccount({ service_id: serviceId, customer_id: "cus_b" })
      await expect(service.linkOdooToken({ account_id: a.id, token: "short", dbuuid: DBUUID })).rejects.toMatchObject({ type: "invalid_data" })
      await expect(service.linkOdooToken({ account_id: a.id, token: TOKEN, dbuuid: "x" })).rejects.toMatchObject({ type: "invalid_data" })
      await expect(service.linkOdooToken({ account_id: a.id, token: own.token, dbuuid: DBUUID })).rejects.toMatchObject({
        type: "conflict",
        code: "odoo_token_linked",
      })
      expect((await service.findAccountByOdooToken(own.token, DBUUID))).toMatchObject({ account: { id: own.account.id }, link: null })
    })
  },
})
