import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { ensurePortalHistory } from "../../../src/scripts/demo/portal-history"
import { adminSuite, seedKnownLedger } from "../helpers/admin-suite"
import { call, channelsWithKeys } from "../helpers/portal-fixtures"

adminSuite(({ api, getContainer, session }) => {
  const knownLedger = () => seedKnownLedger(getContainer(), api, session().admin)

  describe("GET /admin/iap/transactions", () => {
    it("lists transactions with filters, exact counts and pagination", async () => {
      const { admin } = session()
      const l = await knownLedger()
      expect(l.rows.map((t: any) => [t.type, t.amount, t.balance_after, t.service])).toEqual([
        ["grant", 100, 100, "sms"],
        ["debit", -3, 97, "sms"],
        ["capture", -4, 93, "sms"],
        ["grant", 10.5, 10.5, "snailmail"],
        ["debit", -2.25, 8.25, "snailmail"],
        ["adjustment", -1, 92, "sms"],
      ])
      const seqs = l.rows.map((t: any) => t.seq)
      expect([...seqs].sort((x: number, y: number) => x - y)).toEqual(seqs)

      const list = async (qs: string) => {
        const res = await api.get(`/admin/iap/transactions${qs}`, admin.headers)
        return { count: res.data.count, seqs: res.data.transactions.map((t: any) => t.seq) }
      }
      const [s1, s2, s3, s4, s5, s6] = seqs
      expect(await list("")).toEqual({ count: 6, seqs: [s6, s5, s4, s3, s2, s1] })
      expect(await list("?limit=2&offset=2")).toEqual({ count: 6, seqs: [s4, s3] })
      expect(await list("?limit=2&offset=6")).toEqual({ count: 6, seqs: [] })
      expect(await list("?type=debit,capture")).toEqual({ count: 3, seqs: [s5, s3, s2] })
      expect(await list("?type=grant&type=adjustment")).toEqual({ count: 3, seqs: [s6, s4, s1] })
      expect(await list(`?account_id=${l.a.id}`)).toEqual({ count: 4, seqs: [s6, s3, s2, s1] })
      expect(await list(`?customer_id=${l.bob.id}`)).toEqual({ count: 2, seqs: [s5, s4] })
      expect(await list(`?service_id=${l.mail.id}`)).toEqual({ count: 2, seqs: [s5, s4] })
      expect(await list("?created_at[$gte]=2030-01-02T00:00:00Z&created_at[$lte]=2030-01-02T23:59:59Z")).toEqual({ count: 2, seqs: [s3, s2] })
      expect(await list("?created_at[$gte]=2030-01-03")).toEqual({ count: 3, seqs: [s6, s5, s4] })
      expect(await list("?reference_type=sms&reference_id=msg-2")).toEqual({ count: 1, seqs: [s3] })

      const capture = (await api.get("/admin/iap/transactions?type=capture", admin.headers)).data.transactions[0]
      expect(capture).toMatchObject({ hold_id: l.hold.id, idempotency_key: "c-1", customer_id: l.acme.id, created_at: "2030-01-02T15:30:00.000Z" })

      const bad = async (qs: string) => {
        const res = await call(api.get(`/admin/iap/transactions${qs}`, admin.headers))
        return [res.status, res.data.message]
      }
      expect(await bad("?type=refund")).toEqual([
        400,
        "Invalid request: type must be one of grant, purchase, debit, capture, expiry, void, adjustment, reversal, clawback, not refund",
      ])
      expect(await bad("?created_at[$gte]=yesterday")).toEqual([400, "Invalid request: created_at[$gte] must be an ISO 8601 date or date-time (years 0001–9999)"])
      expect(await bad("?limit=101")).toEqual([400, "Invalid request: Value for field 'limit' too big, expected at most: '100'"])
      expect(await bad("?colour=red")).toEqual([400, "Invalid request: Unrecognized fields: 'colour'"])
    })
  })

  describe("GET /admin/iap/transactions/export", () => {
    it("exports the ledger as RFC 4180 CSV, byte for byte", async () => {
      const { admin } = session()
      const l = await knownLedger()
      const [g, d, c, gb, db, adj] = l.rows
      const res = await api.get("/admin/iap/transactions/export", { ...admin.headers, responseType: "text", transformResponse: (x: string) => x })
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8")
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="iap-transactions-\d{4}-\d{2}-\d{2}\.csv"$/)
      const expected =
        "seq,id,created_at,account_id,service,customer_id,type,amount,balance_after,description,reference_type,reference_id,hold_id,actor_type,actor_id,idempotency_key\r\n" +
        `${g.seq},${g.id},2030-01-01T09:00:00.000Z,${l.a.id},sms,${l.acme.id},grant,100,100,"Welcome, ""friend""",lot,${g.reference_id},,user,${admin.user.id},welcome\r\n` +
        `${d.seq},${d.id},2030-01-02T10:00:00.000Z,${l.a.id},sms,${l.acme.id},debit,-3,97,"SMS to +49 151, ""urgent""\nsecond line",sms,msg-1,,,,sms-1\r\n` +
        `${c.seq},${c.id},2030-01-02T15:30:00.000Z,${l.a.id},sms,${l.acme.id},capture,-4,93,"Batch\r\nsend",sms,msg-2,${l.hold.id},,,c-1\r\n` +
        `${gb.seq},${gb.id},2030-01-03T08:00:00.000Z,${l.b.id},snailmail,${l.bob.id},grant,10.5,10.5,,lot,${gb.reference_id},,,,g-b\r\n` +
        `${db.seq},${db.id},2030-01-03T08:00:00.000Z,${l.b.id},snailmail,${l.bob.id},debit,-2.25,8.25,Letter,,,,,,mail-1\r\n` +
        `${adj.seq},${adj.id},2030-01-04T12:00:00.000Z,${l.a.id},sms,${l.acme.id},adjustment,-1,92,Goodwill,,,,user,${admin.user.id},adj-1\r\n`
      expect(res.data).toBe(expected)

      const filtered = await api.get(`/admin/iap/transactions/export?account_id=${l.b.id}&type=debit`, {
        ...admin.headers,
        responseType: "text",
        transformResponse: (x: string) => x,
      })
      expect(filtered.data).toBe(
        "seq,id,created_at,account_id,service,customer_id,type,amount,balance_after,description,reference_type,reference_id,hold_id,actor_type,actor_id,idempotency_key\r\n" +
          `${db.seq},${db.id},2030-01-03T08:00:00.000Z,${l.b.id},snailmail,${l.bob.id},debit,-2.25,8.25,Letter,,,,,,mail-1\r\n`
      )
      const bad = await call(api.get("/admin/iap/transactions/export?limit=5", admin.headers))
      expect([bad.status, bad.data.message]).toEqual([400, "Invalid request: Unrecognized fields: 'limit'"])
    })

    it("streams a 100k-row export in cursor batches of 1000", async () => {
      const { iap, admin } = session()
      const { service } = await iap.createService({ technical_name: "bulk", name: "Bulk" })
      const { account } = await iap.createAccount({ service_id: service.id })
      const knex = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      await knex.raw(
        `INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after, description, created_at, updated_at)
         SELECT 'iaptx_bulk_' || lpad(g::text, 6, '0'), ?, 'debit', -1, '{"value":"-1","precision":20}', 0,
           '{"value":"0","precision":20}', 'row ' || g, '2030-01-01T00:00:00Z', '2030-01-01T00:00:00Z'
         FROM generate_series(1, 100000) g`,
        [account.id]
      )
      const batches: number[] = []
      const original = iap.exportTransactions.bind(iap)
      jest.spyOn(iap, "exportTransactions").mockImplementation((filters, size, onBatch) =>
        original(filters, size, async (rows) => {
          batches.push(rows.length)
          await onBatch(rows)
        })
      )
      const res = await api.get("/admin/iap/transactions/export", { ...admin.headers, responseType: "text", transformResponse: (x: string) => x })
      const lines = res.data.split("\r\n")
      expect(lines.length).toBe(100_002) // header + 100k rows + the empty string after the last CRLF
      expect(lines[1]).toMatch(new RegExp(`^\\d+,iaptx_bulk_000001,2030-01-01T00:00:00.000Z,${account.id},bulk,,debit,-1,0,row 1,,,,,,$`))
      expect(lines[100_000]).toMatch(/,iaptx_bulk_100000,.*,row 100000,,,,,,$/)
      expect(batches).toEqual(Array(100).fill(1000))
      jest.restoreAllMocks()
    })
  })

  describe("GET /admin/iap/consumption", () => {
    it("reports consumption per day and service, dense, with totals and filters", async () => {
      const { iap, admin } = session()
      const l = await knownLedger()
      const series = async (qs: string) => (await api.get(`/admin/iap/consumption${qs}`, admin.headers)).data.consumption
      expect(await series("?from=2030-01-01&to=2030-01-04")).toEqual({
        from: "2030-01-01",
        to: "2030-01-04",
        services: ["sms", "snailmail"],
        series: [
          { date: "2030-01-01", service: "sms", credits: 0 },
          { date: "2030-01-01", service: "snailmail", credits: 0 },
          { date: "2030-01-02", service: "sms", credits: 7 },
          { date: "2030-01-02", service: "snailmail", credits: 0 },
          { date: "2030-01-03", service: "sms", credits: 0 },
          { date: "2030-01-03", service: "snailmail", credits: 2.25 },
          { date: "2030-01-04", service: "sms", credits: 0 },
          { date: "2030-01-04", service: "snailmail", credits: 0 },
        ],
        totals: [
          { service: "sms", credits: 7 },
          { service: "snailmail", credits: 2.25 },
        ],
      })
      expect(await series(`?from=2030-01-02&to=2030-01-03&customer_id=${l.acme.id}`)).toEqual({
        from: "2030-01-02",
        to: "2030-01-03",
        services: ["sms"],
        series: [
          { date: "2030-01-02", service: "sms", credits: 7 },
          { date: "2030-01-03", service: "sms", credits: 0 },
        ],
        totals: [{ service: "sms", credits: 7 }],
      })
      expect((await series(`?from=2030-01-01&to=2030-01-04&service_id=${l.mail.id}`)).totals).toEqual([{ service: "snailmail", credits: 2.25 }])
      expect((await series("?from=2030-01-01&to=2030-01-04&service=sms")).totals).toEqual([{ service: "sms", credits: 7 }])
      expect((await series(`?from=2030-01-05&to=2030-01-31&account_id=${l.a.id}`)).series).toEqual([])

      // A debit undone by a compensation (reversal) is not consumption.
      await iap.reverseTransaction({ transaction_id: l.debit.id })
      expect((await series("?from=2030-01-02&to=2030-01-02")).totals).toEqual([{ service: "sms", credits: 4 }])

      const bad = async (qs: string) => {
        const res = await call(api.get(`/admin/iap/consumption${qs}`, admin.headers))
        return [res.status, res.data.message]
      }
      expect(await bad("?from=2030-02-30")).toEqual([400, "Invalid request: from must be a date (YYYY-MM-DD)"])
      expect(await bad("?from=2030-01-05&to=2030-01-04")).toEqual([400, "Invalid request: to must be on or after from"])
      expect(await bad("?from=2030-01-01&to=2031-01-02")).toEqual([400, "Invalid request: from..to spans at most 366 days"])
      const defaults = await series("")
      expect(defaults.to).toBe(new Date().toISOString().slice(0, 10))
      expect(defaults.from).toBe(new Date(Date.parse(`${defaults.to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10))
    })
  })

  // The demo seed (src/scripts/demo/portal-history.ts), read through the routes above.
  describe("demo seed", () => {
    it("gives the demo customer an idempotent portal history: uses, an expired lot, a crossed threshold", async () => {
      const { iap, admin } = session()
      const container = getContainer()
      const channels = await channelsWithKeys(container, ["Webshop", "B2B portal"])
      const [carla] = await container.resolve(Modules.CUSTOMER).createCustomers([{ email: "customer@iap.test" }])
      await iap.createService({ technical_name: "snailmail", name: "Postal mail", integer_credits: true })
      const input = { customerId: carla.id, b2bSalesChannelId: channels["B2B portal"].id }
      const first = await ensurePortalHistory(container, input)
      const ledger = async () => (await api.get(`/admin/iap/transactions?customer_id=${carla.id}&limit=100&order=seq`, admin.headers)).data

      const before = await ledger()
      expect(await ensurePortalHistory(container, input)).toEqual(first)
      expect((await ledger()).transactions.map((t: any) => t.id)).toEqual(before.transactions.map((t: any) => t.id))

      const sms = (await api.get(`/admin/iap/accounts/${first.sms_account_id}`, admin.headers)).data.account
      expect(sms).toMatchObject({ service: "sms", balance: 40, available: 40, warning_threshold: 50, warning_armed: false, sales_channel_ids: [] })
      expect(sms.lots.map((l: any) => [l.source_type, l.category, l.initial_amount, l.remaining, l.status])).toEqual([
        ["grant", "paid", 300, 40, "available"],
        ["grant", "promotional", 80, 0, "expired"],
        ["trial", "promotional", 10, 0, "available"],
      ])
      const smsRows = before.transactions.filter((t: any) => t.account_id === first.sms_account_id)
      expect(smsRows).toHaveLength(43)
      expect(smsRows.filter((t: any) => t.type === "debit")).toHaveLength(39)
      expect(smsRows.filter((t: any) => t.type === "expiry").map((t: any) => t.amount)).toEqual([-15])

      const letters = (await api.get(`/admin/iap/accounts/${first.letters_account_id}`, admin.headers)).data.account
      expect(letters).toMatchObject({ service: "snailmail", balance: 17, sales_channels: [{ id: channels["B2B portal"].id, name: "B2B portal" }] })

      const from = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10)
      const consumption = (await api.get(`/admin/iap/consumption?from=${from}&customer_id=${carla.id}`, admin.headers)).data.consumption
      expect(consumption.totals).toEqual([
        { service: "sms", credits: 335 },
        { service: "snailmail", credits: 3 },
      ])
    })
  })
})
