import { createHash } from "crypto"
import { hashSecret, newSecret, requestHash, secretMatches } from "../utils/secrets"

/** Service keys and account tokens are shown once and kept as SHA-256; requests hash canonically. */

describe("newSecret", () => {
  it("makes a prefixed random secret with its hash and a hint of its last 4 characters", () => {
    const { secret, hash, hint } = newSecret("iapk")
    expect(secret).toMatch(/^iapk_[A-Za-z0-9_-]{32}$/)
    expect(hash).toBe(createHash("sha256").update(secret, "utf8").digest("hex"))
    expect(hash).toMatch(/^[0-9a-f]{64}$/)
    expect(hint).toBe(`iapk_…${secret.slice(-4)}`)
    expect(hint).toHaveLength("iapk_…".length + 4)
  })

  it("never repeats (100 secrets, 100 different values and hashes)", () => {
    const many = Array.from({ length: 100 }, () => newSecret("iapt"))
    expect(new Set(many.map((s) => s.secret)).size).toBe(100)
    expect(new Set(many.map((s) => s.hash)).size).toBe(100)
    expect(many.every((s) => s.secret.startsWith("iapt_") && s.hint.startsWith("iapt_…"))).toBe(true)
  })
})

describe("hashSecret", () => {
  it("is SHA-256 hex, deterministic and input-sensitive", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    expect(hashSecret("abc")).toBe(hashSecret("abc"))
    expect(hashSecret("abd")).not.toBe(hashSecret("abc"))
    expect(hashSecret("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  })
})

describe("secretMatches", () => {
  const { secret, hash } = newSecret("iapk")

  it("is true for the secret and its stored hash", () => {
    expect(secretMatches(secret, hash)).toBe(true)
  })

  it("is false for another secret, a changed character or a truncated secret", () => {
    expect(secretMatches(newSecret("iapk").secret, hash)).toBe(false)
    expect(secretMatches(secret.slice(0, -1) + (secret.endsWith("A") ? "B" : "A"), hash)).toBe(false)
    expect(secretMatches(secret.slice(0, -1), hash)).toBe(false)
    expect(secretMatches(secret + " ", hash)).toBe(false)
    expect(secretMatches("", hash)).toBe(false)
  })

  it("is false when nothing is stored (null, undefined, empty) or the stored hash is malformed", () => {
    expect(secretMatches(secret, null)).toBe(false)
    expect(secretMatches(secret, undefined)).toBe(false)
    expect(secretMatches(secret, "")).toBe(false)
    expect(secretMatches(secret, "abcd")).toBe(false)
    expect(secretMatches(secret, hash.slice(0, 62))).toBe(false)
    expect(secretMatches(secret, "zz".repeat(32))).toBe(false)
  })

  it("compares the hash, not the plain text: the hash itself is not a valid secret", () => {
    expect(secretMatches(hash, hash)).toBe(false)
  })
})

describe("requestHash", () => {
  const body = { account_id: "iapacc_1", amount: "12.5", description: null, reference: { type: "order", id: "o1" } }

  it("is a SHA-256 hex of the canonical [operation, body]", () => {
    expect(requestHash("debit", body)).toMatch(/^[0-9a-f]{64}$/)
    expect(requestHash("debit", { b: 1, a: 2 })).toBe(
      createHash("sha256").update(JSON.stringify(["debit", { a: 2, b: 1 }])).digest("hex")
    )
  })

  it("ignores the order of keys, at every depth", () => {
    const reordered = { reference: { id: "o1", type: "order" }, description: null, amount: "12.5", account_id: "iapacc_1" }
    expect(requestHash("debit", reordered)).toBe(requestHash("debit", body))
  })

  it("depends on the operation", () => {
    expect(requestHash("grant", body)).not.toBe(requestHash("debit", body))
    expect(requestHash("authorize", body)).not.toBe(requestHash("debit", body))
  })

  it("depends on every value, including null versus missing, but not on undefined keys", () => {
    expect(requestHash("debit", { ...body, amount: "12.5001" })).not.toBe(requestHash("debit", body))
    expect(requestHash("debit", { ...body, reference: { type: "order", id: "o2" } })).not.toBe(requestHash("debit", body))
    const { description: _d, ...withoutDescription } = body
    expect(requestHash("debit", withoutDescription)).not.toBe(requestHash("debit", body))
    expect(requestHash("debit", { ...body, extra: undefined })).toBe(requestHash("debit", body))
  })

  it("keeps array order and canonicalizes dates and bigints", () => {
    expect(requestHash("x", { ids: ["a", "b"] })).not.toBe(requestHash("x", { ids: ["b", "a"] }))
    const at = new Date("2030-01-01T00:00:00.000Z")
    expect(requestHash("x", { at })).toBe(requestHash("x", { at: "2030-01-01T00:00:00.000Z" }))
    expect(requestHash("x", { n: 5n })).toBe(requestHash("x", { n: "5" }))
  })
})
