import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { IAP_MODULE } from "../../src/modules/iap"
import type IapModuleService from "../../src/modules/iap/service"

jest.setTimeout(120_000)

/**
 * A lost database connection is the server's problem, not the client's: the request answers
 * 503 `unavailable` with `Retry-After`, and retrying it with the same idempotency key is safe.
 */
medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    it("answers 503 with Retry-After when the request's connection is killed, and the retry charges once", async () => {
      const iap = getContainer().resolve<IapModuleService>(IAP_MODULE)
      const { service, key } = await iap.createService({ technical_name: "reveal", name: "Reveal", provider_type: "third_party" })
      const { account, token } = await iap.createAccount({ service_id: service.id, customer_id: "cus_outage" })
      await iap.grantCredits({ account_id: account.id, amount: 10, idempotency_key: "g" })
      const charge = () =>
        api.post(
          "/iap/v1/charge",
          { account_token: token, credits: 1, idempotency_key: "outage-1" },
          { headers: { authorization: `Bearer ${key}` }, validateStatus: () => true }
        )

      // Hold the account's row lock, so the charge's statement waits on it; then kill that backend.
      const trx = await dbConnection.transaction()
      await trx.raw(`SELECT id FROM iap_account WHERE id = ? FOR UPDATE`, [account.id])
      const { rows: [me] } = await trx.raw(`SELECT pg_backend_pid() AS pid`)
      const pending = charge()
      let victim: number | undefined
      for (let i = 0; i < 100 && !victim; i++) {
        const { rows } = await dbConnection.raw(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> ?`,
          [me.pid]
        )
        victim = rows[0]?.pid
        if (!victim) await new Promise((r) => setTimeout(r, 50))
      }
      expect(victim).toEqual(expect.any(Number))
      await dbConnection.raw(`SELECT pg_terminate_backend(?)`, [victim])
      const res = await pending
      await trx.rollback()

      expect(res.status).toBe(503)
      expect(res.headers["retry-after"]).toBe("1")
      expect(res.data).toEqual({
        type: "unavailable",
        message: "The database is unavailable for a moment: retry the same request (same idempotency key)",
      })

      const retry = await charge()
      expect(retry.status).toBe(200)
      expect(retry.data.account).toMatchObject({ balance: 9, available: 9 })
      const again = await charge()
      expect(again.data).toMatchObject({ replayed: true, account: { balance: 9 } })
      const { rows } = await dbConnection.raw(`SELECT type, amount::text FROM iap_transaction WHERE account_id = ? ORDER BY seq`, [account.id])
      expect(rows).toEqual([
        { type: "grant", amount: "10" },
        { type: "debit", amount: "-1" },
      ])
    })
  },
})
