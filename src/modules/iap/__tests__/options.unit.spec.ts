import validateOptionsLoader from "../loaders/validate-options"
import { MAX_HOLD_TTL_SECONDS, parseIapOptions } from "../options"

/** Plugin options are validated at load; a bad value fails the start with the option named. */

const DEFAULTS = {
  grantOn: "payment_captured",
  creditsUrl: "/credits?service={service}&credits={credits}",
  thirdPartyServices: "enabled",
  odooProtocol: "disabled",
  holdTtlSeconds: 900,
  warningEmailTemplate: "iap-threshold-warning",
  autoRecharge: {
    enabled: true,
    backoffHours: [1, 6, 24],
    resumeAfterMinutes: 10,
    templates: {
      succeeded: "iap-recharge-succeeded",
      failed: "iap-recharge-failed",
      requiresAction: "iap-recharge-requires-action",
      capReached: "iap-recharge-cap-reached",
    },
  },
  refundPolicy: "clamp",
  digitalFulfillment: "enabled",
}

describe("parseIapOptions", () => {
  it("fills every default when no options are given", () => {
    expect(parseIapOptions(undefined)).toEqual(DEFAULTS)
    expect(parseIapOptions({})).toEqual(DEFAULTS)
    expect(parseIapOptions({ grantOn: undefined })).toEqual(DEFAULTS)
  })

  it("keeps valid values and ignores keys it does not own (Medusa injects `database`)", () => {
    const options = parseIapOptions({
      grantOn: "order_placed",
      creditsUrl: "https://shop.example/credits/{service}?n={credits}&a={account}",
      thirdPartyServices: "disabled",
      odooProtocol: "enabled",
      holdTtlSeconds: MAX_HOLD_TTL_SECONDS,
      warningEmailTemplate: "low-balance",
      refundPolicy: "debt",
      digitalFulfillment: "disabled",
      database: { clientUrl: "postgres://x" },
    })
    expect(options).toEqual({
      grantOn: "order_placed",
      creditsUrl: "https://shop.example/credits/{service}?n={credits}&a={account}",
      thirdPartyServices: "disabled",
      odooProtocol: "enabled",
      holdTtlSeconds: 15_552_000,
      warningEmailTemplate: "low-balance",
      autoRecharge: DEFAULTS.autoRecharge,
      refundPolicy: "debt",
      digitalFulfillment: "disabled",
    })
    expect(options).not.toHaveProperty("database")
    expect(parseIapOptions({ holdTtlSeconds: 1 }).holdTtlSeconds).toBe(1)
  })

  const bad: [string, Record<string, unknown>, string][] = [
    ["grantOn", { grantOn: "order_shipped" }, 'grantOn: Invalid option: expected one of "payment_captured"|"order_placed"'],
    ["grantOn", { grantOn: null }, 'grantOn: Invalid option: expected one of "payment_captured"|"order_placed"'],
    ["creditsUrl", { creditsUrl: "" }, "creditsUrl: Too small: expected string to have >=1 characters"],
    ["creditsUrl", { creditsUrl: 5 }, "creditsUrl: Invalid input: expected string, received number"],
    ["thirdPartyServices", { thirdPartyServices: true }, 'thirdPartyServices: Invalid option: expected one of "enabled"|"disabled"'],
    ["odooProtocol", { odooProtocol: "on" }, 'odooProtocol: Invalid option: expected one of "enabled"|"disabled"'],
    ["odooProtocol", { odooProtocol: true }, 'odooProtocol: Invalid option: expected one of "enabled"|"disabled"'],
    ["holdTtlSeconds", { holdTtlSeconds: 0 }, "holdTtlSeconds: Too small: expected number to be >0"],
    ["holdTtlSeconds", { holdTtlSeconds: -60 }, "holdTtlSeconds: Too small: expected number to be >0"],
    ["holdTtlSeconds", { holdTtlSeconds: 1.5 }, "holdTtlSeconds: Invalid input: expected int, received number"],
    ["holdTtlSeconds", { holdTtlSeconds: MAX_HOLD_TTL_SECONDS + 1 }, "holdTtlSeconds: Too big: expected number to be <=15552000"],
    ["holdTtlSeconds", { holdTtlSeconds: "900" }, "holdTtlSeconds: Invalid input: expected number, received string"],
    ["warningEmailTemplate", { warningEmailTemplate: "" }, "warningEmailTemplate: Too small: expected string to have >=1 characters"],
    ["warningEmailTemplate", { warningEmailTemplate: null }, "warningEmailTemplate: Invalid input: expected string, received null"],
    ["autoRecharge", { autoRecharge: { enabled: "yes" } }, "autoRecharge.enabled: Invalid input: expected boolean, received string"],
    ["autoRecharge", { autoRecharge: { backoffHours: [] } }, "autoRecharge.backoffHours: Too small: expected array to have >=1 items"],
    ["autoRecharge", { autoRecharge: { backoffHours: [1, -6] } }, "autoRecharge.backoffHours.1: Too small: expected number to be >0"],
    ["autoRecharge", { autoRecharge: { templates: { failed: "" } } }, "autoRecharge.templates.failed: Too small: expected string to have >=1 characters"],
    ["refundPolicy", { refundPolicy: "refund" }, 'refundPolicy: Invalid option: expected one of "clamp"|"debt"'],
    ["refundPolicy", { refundPolicy: "" }, 'refundPolicy: Invalid option: expected one of "clamp"|"debt"'],
    ["digitalFulfillment", { digitalFulfillment: false }, 'digitalFulfillment: Invalid option: expected one of "enabled"|"disabled"'],
  ]
  it.each(bad)("names %s in the error for %p", (_option, raw, detail) => {
    expect(() => parseIapOptions(raw)).toThrow(
      expect.objectContaining({ type: "invalid_data", message: `medusa-plugin-iap: invalid option ${detail}` })
    )
  })

  it("fills auto-recharge defaults around what is given", () => {
    expect(parseIapOptions({ autoRecharge: { backoffHours: [2, 12], templates: { failed: "card-failed" } } }).autoRecharge).toEqual({
      ...DEFAULTS.autoRecharge,
      backoffHours: [2, 12],
      templates: { ...DEFAULTS.autoRecharge.templates, failed: "card-failed" },
    })
  })

  it("reports the first bad option when several are bad", () => {
    expect(() => parseIapOptions({ grantOn: "x", holdTtlSeconds: 0 })).toThrow(
      'medusa-plugin-iap: invalid option grantOn: Invalid option: expected one of "payment_captured"|"order_placed"'
    )
  })

  it("makes the module loader fail the start on a bad option", async () => {
    await expect(validateOptionsLoader({ options: { holdTtlSeconds: 0 } } as any)).rejects.toMatchObject({
      type: "invalid_data",
      message: "medusa-plugin-iap: invalid option holdTtlSeconds: Too small: expected number to be >0",
    })
    await expect(validateOptionsLoader({ options: { grantOn: "order_placed" } } as any)).resolves.toBeUndefined()
  })
})
