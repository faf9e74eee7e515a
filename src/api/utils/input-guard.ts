import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"

/**
 * Where a request carries a NUL character (U+0000), or null when it carries none. Postgres
 * cannot store that byte in any text column, so it must be refused before a query sees it.
 *
 * @example
 * findNul({ path: "/admin/iap/packs/%00", query: {}, body: {} }) // "the URL path"
 * findNul({ path: "/iap/v1/charge", query: {}, body: { description: "a\u0000" } }) // "description"
 */
export function findNul(input: { path: string; query: unknown; body: unknown }): string | null {
  if (/%00/i.test(input.path) || input.path.includes("\u0000")) return "the URL path"
  return walk(input.query, "query parameter ") ?? walk(input.body, "")
}

function walk(value: unknown, where: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? where.trim() || "the body" : null
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = walk(item, `${where}[${i}]`)
      if (found) return found
    }
    return null
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const join = (k: string) => (where === "" || where.endsWith(" ") ? `${where}${k}` : `${where}.${k}`)
      if (key.includes("\u0000")) return join(JSON.stringify(key))
      const found = walk(item, join(key))
      if (found) return found
    }
  }
  return null
}

/**
 * Refuses a request with a NUL character anywhere in its path, query or body (400, the place
 * named). It runs before every other middleware of the IAP routes, so a new route cannot
 * forget it.
 *
 * @example
 * { matcher: "/admin/iap*", middlewares: [rejectUnstorableInput] }
 */
export function rejectUnstorableInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const path = (req.originalUrl ?? req.url ?? "").split("?")[0]
  const where = findNul({ path, query: req.query, body: req.body })
  if (where) {
    return next(new MedusaError(MedusaError.Types.INVALID_DATA, `${where} must not contain NUL characters (\\u0000)`))
  }
  next()
}

/** The guard on every IAP area: admin, store and provider (and any added later under these paths). */
export const inputGuardMiddlewares: MiddlewareRoute[] = ["/admin/iap*", "/store/iap*", "/iap/*"].map((matcher) => ({
  matcher,
  middlewares: [rejectUnstorableInput],
}))
