import Medusa from "@medusajs/js-sdk"

/** The host app's backend URL without a trailing slash ("" when the dashboard is same-origin). */
export function backendUrl(): string {
  const url = typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__ ? __BACKEND_URL__ : "/"
  return url.replace(/\/+$/, "")
}

/**
 * The one JS SDK client of the plugin's admin extensions: same-origin session auth, as the
 * dashboard itself signs in with a session cookie.
 *
 * @example
 * const { services } = await sdk.client.fetch("/admin/iap/services")
 */
export const sdk = new Medusa({
  baseUrl: backendUrl() || "/",
  debug: false,
  auth: { type: "session" },
})
