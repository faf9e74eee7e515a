import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Amount, IapLotCategory } from "../../../types"
import { packCredits, packExpiry } from "../utils/credit-packs"
import { iapModule } from "../../common/steps/utils"

export const validateCreditPacksStepId = "iap-validate-credit-packs"

export type CreditPackDraft = {
  service_id: string
  credits: Amount
  expires_after_days?: number | null
  category?: IapLotCategory
  metadata?: Record<string, unknown> | null
  /** An existing variant to sell the pack as; checked to exist and not be a pack yet. */
  variant_id?: string
}

export type ValidCreditPack = Omit<CreditPackDraft, "credits"> & {
  credits: string
  expires_after_days: number | null
  category: IapLotCategory
  service: { id: string; technical_name: string; unit_name: string }
}

/**
 * Checks pack drafts before anything is written: active service, credits valid for it, and
 * (when given) variants that exist and are not sold as a pack already.
 *
 * @example
 * const packs = validateCreditPacksStep({ packs: [{ service_id, credits: 500, variant_id }] })
 */
export const validateCreditPacksStep = createStep(
  validateCreditPacksStepId,
  async (input: { packs: CreditPackDraft[] }, { container }) => {
    const serviceIds = [...new Set(input.packs.map((p) => p.service_id))]
    const services = await iapModule(container).listIapServices({ id: serviceIds })
    const byId = new Map(services.map((s) => [s.id, s]))
    for (const id of serviceIds) {
      const s = byId.get(id)
      if (!s) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${id} was not found`)
      if (s.status !== "active") {
        throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `IAP service ${s.technical_name} is archived: it cannot get new credit packs`)
      }
    }
    await assertVariantsFree(container, input.packs.flatMap((p) => (p.variant_id ? [p.variant_id] : [])))
    const packs: ValidCreditPack[] = input.packs.map((p) => {
      const s = byId.get(p.service_id)!
      return {
        ...p,
        credits: packCredits(p.credits, s),
        expires_after_days: packExpiry(p.expires_after_days),
        category: p.category ?? "paid",
        service: { id: s.id, technical_name: s.technical_name, unit_name: s.unit_name },
      }
    })
    return new StepResponse(packs)
  }
)

async function assertVariantsFree(container: any, variantIds: string[]) {
  if (!variantIds.length) return
  if (new Set(variantIds).size !== variantIds.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "A product variant can be sold as one credit pack only")
  }
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "product_variant",
    fields: ["id", "iap_credit_pack.id"],
    filters: { id: variantIds },
  })
  for (const id of variantIds) {
    const variant = data.find((v: any) => v.id === id)
    if (!variant) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Product variant with id: ${id} was not found`)
    if (variant.iap_credit_pack?.id) {
      // DUPLICATE_ERROR (422) like Medusa's own duplicates: a CONFLICT's message is replaced by a generic one.
      throw new MedusaError(
        MedusaError.Types.DUPLICATE_ERROR,
        `Product variant ${id} is already sold as credit pack ${variant.iap_credit_pack.id}`
      )
    }
  }
}
