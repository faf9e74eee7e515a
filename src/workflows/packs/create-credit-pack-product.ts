import { Modules } from "@medusajs/framework/utils"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { createProductsWorkflow, createRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { IAP_MODULE } from "../../modules/iap"
import type { CreateCreditPackProductInput } from "../../types"
import { createCreditPacksStep } from "./steps/create-credit-packs"
import { offerDigitalDeliveryStep } from "./steps/offer-digital-delivery"
import { prepareCreditPackProductStep } from "./steps/prepare-credit-pack-product"
import { validateCreditPacksStep } from "./steps/validate-credit-packs"
import { validateSalesChannelsStep } from "./steps/validate-sales-channels"

export const createCreditPackProductWorkflowId = "iap-create-credit-pack-product"

/**
 * Creates in one go a product with one variant per pack of a service (e.g. "SMS credits":
 * 100 / 500 / 1000), priced per currency and published in the given sales channels. The
 * variants manage no inventory; the product takes the shipping profile of the plugin's free
 * "Instant delivery" option, which is offered in the store for those channels, so any
 * storefront's delivery step lists it and the order fulfils itself once the credits are
 * available (docs/storefront.md). Without the `iap-digital` provider (or with
 * `digitalFulfillment: "disabled"`) the product gets no profile and needs no shipping method.
 *
 * @example
 * await createCreditPackProductWorkflow(container).run({
 *   input: {
 *     service_id: "iapsvc_1", title: "SMS credits", sales_channel_ids: ["sc_1"],
 *     packs: [{ credits: 100, prices: [{ currency_code: "eur", amount: 10 }] }],
 *   },
 * })
 */
export const createCreditPackProductWorkflow = createWorkflow(
  createCreditPackProductWorkflowId,
  (input: CreateCreditPackProductInput) => {
    validateSalesChannelsStep({ ids: transform({ input }, ({ input }) => input.sales_channel_ids ?? []) })
    const valid = validateCreditPacksStep(
      transform({ input }, ({ input }) => ({
        packs: input.packs.map((p) => ({
          service_id: input.service_id,
          credits: p.credits,
          expires_after_days: p.expires_after_days,
          category: p.category,
          metadata: p.metadata,
        })),
      }))
    )
    const prepared = prepareCreditPackProductStep({ input, packs: valid })
    const delivery = offerDigitalDeliveryStep({ sales_channel_ids: transform({ input }, ({ input }) => input.sales_channel_ids ?? []) })
    const products = createProductsWorkflow.runAsStep({
      input: transform({ prepared, delivery }, ({ prepared, delivery }) => ({
        products: [{ ...prepared.product, ...(delivery ? { shipping_profile_id: delivery.shipping_profile_id } : {}) }],
      })),
    })
    const packs = createCreditPacksStep(valid)
    const variantIds = transform({ prepared, products }, ({ prepared, products }) =>
      prepared.titles.map((t) => (products[0].variants ?? []).find((v) => v.title === t)?.id ?? "")
    )
    createRemoteLinkStep(
      transform({ packs, variantIds }, ({ packs, variantIds }) =>
        packs.map((pack, i) => ({
          [IAP_MODULE]: { iap_credit_pack_id: pack.id },
          [Modules.PRODUCT]: { product_variant_id: variantIds[i] },
        }))
      )
    )
    return new WorkflowResponse(
      transform({ products, packs, variantIds }, ({ products, packs, variantIds }) => ({
        product_id: products[0].id,
        packs: packs.map((pack, i) => ({ id: pack.id, variant_id: variantIds[i] })),
      }))
    )
  }
)
