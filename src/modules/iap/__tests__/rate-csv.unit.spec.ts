import type { IapRateDTO } from "../../../types"
import { csvToRates, parseCsv, ratesToCsv } from "../utils/rate-csv"

/** A rate card version as CSV: what the export writes, the import reads back. */

describe("rate card CSV", () => {
  it("round-trips a version: dimension columns, * fallback, tiers", () => {
    const rates: IapRateDTO[] = [
      { id: "r1", metric: "sms_part", dimensions: { country: "DE" }, unit_credits: 0.5, tiers: null },
      { id: "r2", metric: "sms_part", dimensions: { country: "*" }, unit_credits: 1, tiers: null },
      { id: "r3", metric: "token", dimensions: { model: "large, v2" }, unit_credits: null, tiers: [{ up_to: 1000, unit_credits: 0.01 }, { up_to: null, unit_credits: 0.005 }] },
    ]
    const csv = ratesToCsv(rates)
    expect(csv).toBe(
      'metric,country,model,unit_credits,tiers\r\nsms_part,DE,,0.5,\r\nsms_part,*,,1,\r\ntoken,,"large, v2",,1000:0.01|*:0.005\r\n'
    )
    expect(csvToRates(csv)).toEqual([
      { metric: "sms_part", dimensions: { country: "DE" }, unit_credits: "0.5", tiers: null },
      { metric: "sms_part", dimensions: { country: "*" }, unit_credits: "1", tiers: null },
      { metric: "token", dimensions: { model: "large, v2" }, unit_credits: null, tiers: [{ up_to: "1000", unit_credits: "0.01" }, { up_to: null, unit_credits: "0.005" }] },
    ])
  })

  it("parses quoted fields with quotes and line breaks, and skips blank lines", () => {
    expect(parseCsv('a,"b ""c""\nd"\n\n1,2\n')).toEqual([["a", 'b "c"\nd'], ["1", "2"]])
  })

  it("names the line or header that is wrong", () => {
    expect(() => csvToRates("")).toThrow("csv is empty")
    expect(() => csvToRates("metric,tiers\nsms,")).toThrow("csv header must have a unit_credits column")
    expect(() => csvToRates("metric,unit_credits,tiers\nsms,1")).toThrow("csv line 2 has 2 fields, the header 3")
    expect(() => csvToRates("metric,unit_credits,tiers\nsms,,10-1")).toThrow("csv line 2: tiers must be up_to:unit_credits pairs separated by |")
    expect(() => csvToRates('metric,unit_credits,tiers\n"sms,1,')).toThrow("csv has an unclosed quote")
  })
})
