import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreateCreditPackProductInput } from "../../../types"
import { creditPackProductData, packTitles } from "../utils/credit-pack-product"
import type { ValidCreditPack } from "./validate-credit-packs"

export const prepareCreditPackProductStepId = "iap-prepare-credit-pack-product"

/**
 * Builds the product (one variant per pack) and checks what `createProductsWorkflow` would
 * reject less clearly: at least one pack, distinct variant titles.
 *
 * @example
 * const { product, titles } = prepareCreditPackProductStep({ input, packs: validPacks })
 */
export const prepareCreditPackProductStep = createStep(
  prepareCreditPackProductStepId,
  async ({ input, packs }: { input: CreateCreditPackProductInput; packs: ValidCreditPack[] }) => {
    return new StepResponse({
      product: creditPackProductData(input, packs, "published"),
      titles: packTitles(input, packs),
    })
  }
)
