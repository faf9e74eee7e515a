import fs from "fs"
import path from "path"
import { classifyDbError } from "../db-errors"
import { findNul, inputGuardMiddlewares } from "../input-guard"
import { dateTimeParam, fieldsParam, isIsoDateTime, orderParam } from "../portal-validators"

/** The one guard in front of every IAP route (bad input → 4xx, never 500). */

const API = path.resolve(__dirname, "..", "..")

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    if (d.isDirectory()) return d.name === "__tests__" ? [] : routeFiles(p)
    return d.name === "route.ts" ? [p] : []
  })
}

describe("every IAP route", () => {
  const files = routeFiles(API)

  it("is found (the scan is not empty)", () => {
    expect(files.length).toBeGreaterThanOrEqual(25)
  })

  // odooRpc (iap/1/json-rpc.ts) returns a withIapErrors-wrapped handler.
  it.each(files.map((f) => [path.relative(API, f)]))("%s exports only handlers wrapped by withIapErrors", (rel) => {
    const text = fs.readFileSync(path.join(API, rel), "utf8")
    const exported = [...text.matchAll(/^export (?:const|async function|function) (\w+)(.*)$/gm)]
    expect(exported.length).toBeGreaterThan(0)
    for (const [, name, rest] of exported) {
      expect({ name, wrapped: /^ = (withIapErrors|odooRpc)\(/.test(rest) }).toEqual({ name, wrapped: true })
    }
  })

  it("lives under a path the input guard covers", () => {
    const prefixes = inputGuardMiddlewares.map((m) => String(m.matcher).replace(/\*$/, ""))
    for (const f of files) {
      const url = "/" + path.relative(API, path.dirname(f)).split(path.sep).join("/")
      expect({ url, covered: prefixes.some((p) => url.startsWith(p)) }).toEqual({ url, covered: true })
    }
  })
})

describe("findNul", () => {
  it.each([
    [{ path: "/admin/iap/accounts/%00", query: {}, body: {} }, "the URL path"],
    [{ path: "/admin/iap/accounts/a%00b/grant", query: {}, body: {} }, "the URL path"],
    [{ path: "/store/iap/packs", query: { region_id: "\u0000" }, body: undefined }, "query parameter region_id"],
    [{ path: "/x", query: { created_at: { $gte: "2020\u0000" } }, body: {} }, "query parameter created_at.$gte"],
    [{ path: "/x", query: { id: ["a", "b\u0000"] }, body: {} }, "query parameter id[1]"],
    [{ path: "/iap/v1/charge", query: {}, body: { description: "SMS\u0000" } }, "description"],
    [{ path: "/x", query: {}, body: { packs: [{ prices: [{ currency_code: "\u0000" }] }] } }, "packs[0].prices[0].currency_code"],
    [{ path: "/x", query: {}, body: { metadata: { "k\u0000": 1 } } }, 'metadata."k\\u0000"'],
    [{ path: "/x", query: {}, body: "\u0000" }, "the body"],
  ])("finds the NUL in %j", (input, where) => {
    expect(findNul(input)).toBe(where)
  })

  it("finds none in ordinary input", () => {
    expect(findNul({ path: "/admin/iap/accounts/iapacc_1", query: { q: "a%00b" }, body: { note: "100% fine", n: 0, ok: null } })).toBeNull()
  })
})

describe("classifyDbError", () => {
  it.each([
    [{ code: "40P01", message: "deadlock detected" }, "unavailable"],
    [{ code: "57P01", message: "terminating connection due to administrator command" }, "unavailable"],
    [{ code: "08006" }, "unavailable"],
    [{ code: "ECONNREFUSED" }, "unavailable"],
    [{ name: "KnexTimeoutError", message: "Knex: Timeout acquiring a connection. The pool is probably full." }, "unavailable"],
    [new Error("Connection terminated unexpectedly"), "unavailable"],
    [{ name: "DriverException", cause: { code: "40001" } }, "unavailable"],
    [{ code: "22021", message: "invalid byte sequence for encoding \"UTF8\": 0x00" }, "bad_value"],
    [{ original: { code: "22008" } }, "bad_value"],
    [{ name: "DriverException", code: "08P01", message: "select ... - invalid message format" }, "bad_value"],
    [{ code: "23505" }, null],
    [new Error("something else"), null],
    [null, null],
  ])("classifies %j", (error, kind) => {
    expect(classifyDbError(error)).toBe(kind)
  })
})

describe("dates", () => {
  it.each(["2030-01-02", "2030-01-02T10:00:00Z", "2030-01-02T10:00:00.123+02:00", "2024-02-29", "0001-01-01", "9999-12-31T23:59:59Z"])(
    "accepts %s",
    (s) => expect(isIsoDateTime(s)).toBe(true)
  )

  it.each(["2020-13-45", "2020-02-30", "2023-02-29", "0000-01-01", "+275760-09-13T00:00:00.000Z", "2020-01-01T24:00:00Z", "2020-01-01T10:61:00Z", "2020-01-01T10:00:00+25:00", "20200101", "yesterday", ""])(
    "refuses %s",
    (s) => expect(isIsoDateTime(s)).toBe(false)
  )

  it("names the field when it refuses", () => {
    const r = dateTimeParam("expires_at").safeParse("2020-02-30")
    expect(r.success).toBe(false)
    expect(r.error?.issues[0].message).toBe("expires_at must be an ISO 8601 date or date-time (years 0001–9999)")
  })
})

describe("order and fields", () => {
  it("order takes listed fields, ascending or descending", () => {
    const order = orderParam(["created_at", "credits"])
    expect(order.parse("-credits")).toBe("-credits")
    expect(order.safeParse("foo").error?.issues[0].message).toBe("order must be one of created_at, -created_at, credits, -credits")
  })

  it("fields refuses anything not listed, wildcards and secrets included", () => {
    const fields = fieldsParam(["id", "service.name"])
    expect(fields.parse("id,+service.name")).toBe("id,+service.name")
    for (const bad of ["service.key_hash", "*service", "service.*", "*", "id,token_hash"]) {
      expect(fields.safeParse(bad).success).toBe(false)
    }
    expect(fields.safeParse("id,service.key_hash,*service").error?.issues[0].message).toBe("fields: service.key_hash, *service are not allowed")
  })
})
