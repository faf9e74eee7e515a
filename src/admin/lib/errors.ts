/**
 * The message to show for a failed request: the API's own `message` (the js-sdk puts it on
 * the thrown `FetchError`), so the admin reads exactly what the server said.
 *
 * @example
 * toast.error("Could not grant credits", { description: errorMessage(e) })
 */
export function errorMessage(error: unknown): string {
  if (!error) return "Unknown error"
  if (typeof error === "string") return error
  const e = error as { message?: unknown; status?: number }
  const message = typeof e.message === "string" && e.message ? e.message : "The request failed"
  return message
}

/** The HTTP status of a failed request, when the js-sdk knows it. */
export function errorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === "number" ? status : undefined
}
