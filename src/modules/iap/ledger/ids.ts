import { randomBytes } from "crypto"

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
let pool = Buffer.alloc(0)
let offset = 0

/**
 * Ids in the format of Medusa's `generateEntityId` (`<prefix>_<ULID>`), drawing randomness from a
 * pooled buffer since a debit makes its ids under the account lock (bench/scenarios/hot-account.js).
 *
 * @example
 * newId("iaptx") // "iaptx_01JD3V8Q2W5M9K7X4TZB6N1C0R"
 */
export function newId(prefix: string): string {
  if (offset + 16 > pool.length) {
    pool = randomBytes(4096)
    offset = 0
  }
  let time = ""
  for (let t = Date.now(), i = 0; i < 10; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time
  let random = ""
  // 256 is a multiple of 32: the low 5 bits of a random byte are uniform.
  for (let i = 0; i < 16; i++) random += CROCKFORD[pool[offset++] & 31]
  return `${prefix}_${time}${random}`
}
