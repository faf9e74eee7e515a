import type { MedusaContainer } from "@medusajs/framework/types"
import { expireHoldsWorkflow } from "../workflows/holds/expire-holds"

/** Every minute: holds past their TTL release their credits. */
export default async function expireHoldsJob(container: MedusaContainer) {
  await expireHoldsWorkflow(container).run()
}

export const config = {
  name: "iap-expire-holds",
  schedule: "* * * * *",
}
