import type { MedusaContainer } from "@medusajs/framework/types"
import { retryRecharges } from "../workflows/recharge/retry-recharges"

/** Every 5 minutes: resume recharges a crashed process left, retry declined ones when due. */
export default async function retryRechargesJob(container: MedusaContainer) {
  await retryRecharges(container)
}

export const config = {
  name: "iap-retry-recharges",
  schedule: "*/5 * * * *",
}
