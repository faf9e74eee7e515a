import { LoaderOptions } from "@medusajs/framework/types"
import { parseIapOptions } from "../options"

/** Fails the app's start on a bad plugin option, before anything uses it. */
export default async function validateOptionsLoader({ options }: LoaderOptions<Record<string, unknown>>) {
  parseIapOptions(options)
}
