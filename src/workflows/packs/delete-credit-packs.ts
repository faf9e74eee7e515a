import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { removeRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../modules/iap"
import { deleteCreditPacksStep } from "./steps/delete-credit-packs"

export const deleteCreditPacksWorkflowId = "iap-delete-credit-packs"

/**
 * Stops selling packs: deletes them and their variant links. The variants stay (a variant
 * that is no longer a pack is an ordinary product variant: delete or unpublish it too).
 *
 * @example
 * await deleteCreditPacksWorkflow(container).run({ input: { ids: ["iappack_1"] } })
 */
export const deleteCreditPacksWorkflow = createWorkflow(deleteCreditPacksWorkflowId, (input: { ids: string[] }) => {
  const ids = deleteCreditPacksStep(input)
  removeRemoteLinkStep(
    transform({ ids }, ({ ids }): Record<string, Record<string, string[]>> => ({ [IAP_MODULE]: { iap_credit_pack_id: ids } }))
  )
  return new WorkflowResponse(ids)
})
