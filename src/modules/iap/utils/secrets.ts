import { createHash, randomBytes, timingSafeEqual } from "crypto"

/**
 * Service keys and account tokens: random, shown once, stored as SHA-256 hashes.
 *
 * @example
 * const { secret, hash, hint } = newSecret("iapk")
 */
export function newSecret(prefix: string): { secret: string; hash: string; hint: string } {
  const secret = `${prefix}_${randomBytes(24).toString("base64url")}`
  return { secret, hash: hashSecret(secret), hint: `${prefix}_…${secret.slice(-4)}` }
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex")
}

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false
  const a = Buffer.from(hashSecret(secret), "hex")
  const b = Buffer.from(storedHash, "hex")
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A stable hash of a request body, to tell a replay from a reused idempotency key. */
export function requestHash(operation: string, body: Record<string, unknown>): string {
  const canonical = JSON.stringify([operation, sortKeys(body)])
  return createHash("sha256").update(canonical).digest("hex")
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value instanceof Date) return value.toISOString()
  if (typeof value === "bigint") return value.toString()
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as object)
        .filter((k) => (value as any)[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys((value as any)[k])])
    )
  }
  return value
}
