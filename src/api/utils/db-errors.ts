/**
 * What a database error means for the client: `unavailable` (the server's problem: a lost
 * connection, a deadlock, a full pool; retrying with the same idempotency key is safe) or
 * `bad_value` (a value Postgres refused: a backstop behind the validators), else null.
 *
 * @example
 * classifyDbError({ code: "40P01" }) // "unavailable"
 * classifyDbError({ code: "22021" }) // "bad_value"
 */
export function classifyDbError(error: unknown): "unavailable" | "bad_value" | null {
  for (const e of causes(error)) {
    const code = typeof e.code === "string" ? e.code : ""
    // 08P01 "invalid message format": what Postgres answers when a NUL reaches a query's text.
    if (code === "08P01") return "bad_value"
    if (UNAVAILABLE_CODES.has(code) || /^08/.test(code)) return "unavailable"
    if (e.name === "KnexTimeoutError" || e.name === "ConnectionException" || e.name === "DeadlockException") return "unavailable"
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGES.some((m) => e.message.includes(m))) return "unavailable"
    // Class 22: data exceptions (invalid byte sequence, bad date/time, numeric out of range...).
    if (/^22[0-9A-Z]{3}$/.test(code)) return "bad_value"
  }
  return null
}

const UNAVAILABLE_CODES = new Set([
  "40P01", // deadlock_detected
  "40001", // serialization_failure
  "53300", // too_many_connections
  "57P01", // admin_shutdown (pg_terminate_backend)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
])

const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "Timeout acquiring a connection",
  "Client has encountered a connection error",
  "connection is closed",
]

/** The error and the errors it wraps (ORM and driver errors nest the original). */
function causes(error: unknown): Array<{ code?: unknown; name?: unknown; message?: any }> {
  const out: any[] = []
  let e: any = error
  while (e && typeof e === "object" && out.length < 5 && !out.includes(e)) {
    out.push(e)
    e = e.cause ?? e.original ?? e.originalError ?? e.previous
  }
  return out
}
