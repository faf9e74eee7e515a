import { csvField, csvRecord, transactionCsvHeader, transactionCsvRow } from "../csv"

describe("RFC 4180 CSV", () => {
  it("leaves plain fields alone and writes null as an empty field", () => {
    expect(csvRecord(["a", 1, -2.25, null, undefined, ""])).toBe("a,1,-2.25,,,\r\n")
  })

  it("quotes fields with a comma, a quote, CR or LF, doubling the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField("line 1\nline 2")).toBe('"line 1\nline 2"')
    expect(csvField("line 1\r\nline 2")).toBe('"line 1\r\nline 2"')
    expect(csvField("cr\ronly")).toBe('"cr\ronly"')
    expect(csvField('"')).toBe('""""')
    expect(csvField(" spaces stay ")).toBe(" spaces stay ")
  })

  it("writes a ledger row in the header's column order", () => {
    expect(transactionCsvHeader()).toBe(
      "seq,id,created_at,account_id,service,customer_id,type,amount,balance_after,description,reference_type,reference_id,hold_id,actor_type,actor_id,idempotency_key\r\n"
    )
    const row = transactionCsvRow({
      seq: 7,
      id: "iaptx_1",
      created_at: "2030-01-02T10:00:00.000Z",
      account_id: "iapacc_1",
      service: "sms",
      customer_id: null,
      order_id: null,
      type: "debit",
      amount: "-3",
      balance_after: "97.5",
      description: 'To "Bob", 2 parts',
      reference_type: "sms",
      reference_id: "msg-1",
      hold_id: null,
      actor_type: null,
      actor_id: null,
      idempotency_key: "k,1",
      usage: null,
      rate_id: null,
      rate_version: null,
    })
    expect(row).toBe('7,iaptx_1,2030-01-02T10:00:00.000Z,iapacc_1,sms,,debit,-3,97.5,"To ""Bob"", 2 parts",sms,msg-1,,,,"k,1"\r\n')
  })
})
