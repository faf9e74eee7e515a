import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../modules/iap"
import type { CreateIapCreditPackInput } from "../../types"
import { createCreditPacksStep } from "./steps/create-credit-packs"
import { validateCreditPacksStep } from "./steps/validate-credit-packs"

export const createCreditPacksWorkflowId = "iap-create-credit-packs"

/**
 * Makes existing product variants credit packs: each variant, at its own prices, then grants
 * `credits` of `service_id` per unit bought. A variant can be one pack only.
 *
 * @example
 * const { result } = await createCreditPacksWorkflow(container).run({
 *   input: { packs: [{ service_id: "iapsvc_1", variant_id: "variant_1", credits: 500 }] },
 * })
 */
export const createCreditPacksWorkflow = createWorkflow(
  createCreditPacksWorkflowId,
  (input: { packs: CreateIapCreditPackInput[] }) => {
    const valid = validateCreditPacksStep({ packs: input.packs })
    const packs = createCreditPacksStep(valid)
    const links = transform({ valid, packs }, ({ valid, packs }) =>
      packs.map((pack, i) => ({
        [IAP_MODULE]: { iap_credit_pack_id: pack.id },
        [Modules.PRODUCT]: { product_variant_id: valid[i].variant_id! },
      }))
    )
    createRemoteLinkStep(links)
    return new WorkflowResponse(packs)
  }
)
