import { abs, fromDb, MAX_AMOUNT, max, min, parseAmount, SCALE, toDecimal, toNumber, toRaw } from "../utils/amount"

/** docs/rules.md §2: exact amounts in 1/10_000 units; every rejection names the field and the reason. */

describe("parseAmount", () => {
  const accepted: [string, unknown, bigint][] = [
    ["a whole number", 12, 120_000n],
    ["a decimal number", 12.5, 125_000n],
    ["4 decimal places", 0.0001, 1n],
    ["4 decimal places on a large number", 123456789.1234, 1_234_567_891_234n],
    ["4 decimal places just under 10^12", 999999999999.9999, MAX_AMOUNT - 1n],
    ["a value whose binary form is inexact (2.675)", 2.675, 26_750n],
    ["a decimal string", "12.5", 125_000n],
    ["a string with trailing zeros beyond 4 places", "1.500000", 15_000n],
    ["a string with spaces around it", "  7 ", 70_000n],
    ["a string with leading zeros", "007.25", 72_500n],
    ["exactly 10^12 as a number", 1e12, MAX_AMOUNT],
    ["exactly 10^12 as a string", "1000000000000", MAX_AMOUNT],
    ["exactly 10^12 with zero decimals", "1000000000000.0000", MAX_AMOUNT],
    ["a bigint", 5n, 50_000n],
  ]
  it.each(accepted)("accepts %s", (_name, value, units) => {
    expect(parseAmount(value, { field: "credits" })).toBe(units)
  })

  const rejected: [string, unknown, string][] = [
    ["0", 0, "credits must be greater than 0"],
    ["\"0.0000\"", "0.0000", "credits must be greater than 0"],
    ["a negative number", -1, "credits must be greater than 0"],
    ["a negative string", "-0.5", "credits must be greater than 0"],
    ["5 decimal places as a number", 0.00001, "credits must have at most 4 decimal places"],
    ["5 decimal places as a string", "1.00001", "credits must have at most 4 decimal places"],
    ["a tiny number written 1e-7", 1e-7, "credits must have at most 4 decimal places"],
    ["noise above the 4th place that is not float noise", 0.30001, "credits must have at most 4 decimal places"],
    ["float noise of 0.1 + 0.2 (0.30000000000000004)", 0.1 + 0.2, "credits must have at most 4 decimal places"],
    ["float noise of 1.1 * 3 (3.3000000000000003)", 1.1 * 3, "credits must have at most 4 decimal places"],
    ["1.0000000000000002", 1.0000000000000002, "credits must have at most 4 decimal places"],
    ["its string form \"0.30000000000000004\"", "0.30000000000000004", "credits must have at most 4 decimal places"],
    ["10^12 + 0.0001 as a string", "1000000000000.0001", "credits must be at most 1000000000000"],
    ["10^12 + 0.0001 as a number", 1000000000000.0001, "credits must be at most 1000000000000"],
    ["10^12 + 1", 1e12 + 1, "credits must be at most 1000000000000"],
    ["10^21 (printed with an exponent by JS)", 1e21, "credits must be at most 1000000000000"],
    ["NaN", NaN, "credits must be a finite number"],
    ["Infinity", Infinity, "credits must be a finite number"],
    ["-Infinity", -Infinity, "credits must be a finite number"],
    ["an empty string", "", "credits must be a number"],
    ["a blank string", "   ", "credits must be a number"],
    ["a word", "ten", "credits must be a number"],
    ["an exponent string", "1e3", "credits must be a number"],
    ["a leading plus", "+5", "credits must be a number"],
    ["a bare fraction", ".5", "credits must be a number"],
    ["a trailing dot", "5.", "credits must be a number"],
    ["a comma decimal", "1,5", "credits must be a number"],
    ["null", null, "credits must be a number"],
    ["undefined", undefined, "credits must be a number"],
    ["a boolean", true, "credits must be a number"],
    ["an object", { value: 1 }, "credits must be a number"],
  ]
  it.each(rejected)("rejects %s", (_name, value, message) => {
    expect(() => parseAmount(value, { field: "credits" })).toThrow(
      expect.objectContaining({ type: "invalid_data", message })
    )
  })

  it("names the field \"amount\" when none is given", () => {
    expect(() => parseAmount(0)).toThrow(expect.objectContaining({ type: "invalid_data", message: "amount must be greater than 0" }))
  })

  it("checks decimal places before the sign and the bounds", () => {
    expect(() => parseAmount("-0.00001")).toThrow("amount must have at most 4 decimal places")
    expect(() => parseAmount("0.00000")).toThrow("amount must be greater than 0")
  })

  it("accepts 0 only with allowZero", () => {
    expect(parseAmount(0, { allowZero: true })).toBe(0n)
    expect(parseAmount("0.0", { allowZero: true })).toBe(0n)
    expect(() => parseAmount(-1, { allowZero: true })).toThrow("amount must be greater than 0")
  })

  it("accepts negative values only with allowNegative, within the same bound", () => {
    expect(parseAmount(-2.5, { allowNegative: true })).toBe(-25_000n)
    expect(parseAmount("-0.0001", { allowNegative: true })).toBe(-1n)
    expect(parseAmount("-1000000000000", { allowNegative: true })).toBe(-MAX_AMOUNT)
    expect(() => parseAmount("-1000000000000.0001", { allowNegative: true })).toThrow("amount must be at most 1000000000000")
    expect(() => parseAmount(0, { allowNegative: true })).toThrow("amount must be greater than 0")
    expect(() => parseAmount("-1.00001", { allowNegative: true })).toThrow("amount must have at most 4 decimal places")
  })

  it("wants whole numbers in integer mode", () => {
    expect(parseAmount(3, { integer: true })).toBe(30_000n)
    expect(parseAmount("3.0000", { integer: true })).toBe(30_000n)
    expect(parseAmount(-3, { integer: true, allowNegative: true })).toBe(-30_000n)
    expect(() => parseAmount(1.5, { integer: true, field: "credits" })).toThrow(
      expect.objectContaining({ type: "invalid_data", message: "credits must be a whole number for this service" })
    )
    expect(() => parseAmount("0.0001", { integer: true })).toThrow("amount must be a whole number for this service")
    // the other rules come first
    expect(() => parseAmount(0.5, { integer: true, allowNegative: false, field: "x" })).toThrow("x must be a whole number for this service")
    expect(() => parseAmount("0.00001", { integer: true })).toThrow("amount must have at most 4 decimal places")
    expect(() => parseAmount(1e12 + 0.5, { integer: true })).toThrow("amount must be at most 1000000000000")
  })

  it("accepts every 4-place decimal given as a JS number exactly, below 2^39 credits (wide sample)", () => {
    // Below 2^39 (~5.5 × 10^11) a double's spacing is under 0.0001, so it tells every 4-place
    // decimal apart and each must come back exactly; above, two decimals can share one double.
    const seeds = [1n, 9_999n, 1_234_567n, 5_000_001_234n, 2_713_347_302_789_499n, 5_497_558_000_000_000n]
    for (const base of seeds) {
      for (let d = 0n; d < 50n; d++) {
        const units = base + d * 7_919n
        if (units >= 5_497_558_138_880_000n) continue
        expect(parseAmount(Number(toDecimal(units)))).toBe(units)
      }
    }
  })
})

describe("toDecimal / fromDb / toNumber / toRaw", () => {
  it.each([
    [0n, "0"],
    [1n, "0.0001"],
    [10n, "0.001"],
    [125_000n, "12.5"],
    [120_000n, "12"],
    [-30_001n, "-3.0001"],
    [-1n, "-0.0001"],
    [MAX_AMOUNT, "1000000000000"],
    [MAX_AMOUNT - 1n, "999999999999.9999"],
  ])("formats %p as %p", (units, text) => {
    expect(toDecimal(units)).toBe(text)
    expect(fromDb(text)).toBe(units)
    expect(parseAmount(text, { allowZero: true, allowNegative: true })).toBe(units)
  })

  it("reads Postgres numerics with any scale, numbers and nulls", () => {
    expect(fromDb("12.50000000")).toBe(125_000n)
    expect(fromDb("7")).toBe(70_000n)
    expect(fromDb("-0.5")).toBe(-5_000n)
    expect(fromDb(3.25)).toBe(32_500n)
    expect(fromDb(null)).toBe(0n)
    expect(fromDb(undefined)).toBe(0n)
    expect(() => fromDb("abc")).toThrow(expect.objectContaining({ type: "unexpected_state", message: "Stored amount abc is not a decimal" }))
  })

  it("round-trips every unit count through text", () => {
    for (const units of [0n, 1n, 9n, 99n, 999n, 9_999n, 10_000n, 10_001n, 123_456_789n, -987_654_321n, MAX_AMOUNT, -MAX_AMOUNT]) {
      expect(fromDb(toDecimal(units))).toBe(units)
    }
  })

  it("gives JSON numbers and the raw column value", () => {
    expect(toNumber(125_001n)).toBe(12.5001)
    expect(toNumber(-3n)).toBe(-0.0003)
    expect(toNumber(MAX_AMOUNT)).toBe(1e12)
    expect(toRaw(125_000n)).toEqual({ value: "12.5", precision: 20 })
    expect(toRaw(-1n)).toEqual({ value: "-0.0001", precision: 20 })
  })

  it("has exact helpers", () => {
    expect(SCALE).toBe(10_000n)
    expect(MAX_AMOUNT).toBe(10_000_000_000_000_000n)
    expect(abs(-5n)).toBe(5n)
    expect(abs(5n)).toBe(5n)
    expect(min(3n, -4n)).toBe(-4n)
    expect(max(3n, -4n)).toBe(3n)
  })
})
