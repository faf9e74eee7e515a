import type { MedusaContainer } from "@medusajs/framework/types"
import { expireLotsWorkflow } from "../workflows/credits/expire-lots"

/** Hourly: lots past their expiry write their `expiry` rows (reads stop counting them at once anyway). */
export default async function expireLotsJob(container: MedusaContainer) {
  await expireLotsWorkflow(container).run()
}

export const config = {
  name: "iap-expire-lots",
  schedule: "0 * * * *",
}
