import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/**
 * Packs by id, with the requested fields, in the order of `ids`; 404 when `one` and missing.
 *
 * @example
 * const [pack] = await refetchCreditPacks(req.scope, [id], req.queryConfig.fields, { one: true })
 */
export async function refetchCreditPacks(scope: MedusaContainer, ids: string[], fields: string[], opts: { one?: boolean } = {}) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "iap_credit_pack", fields, filters: { id: ids } })
  if (opts.one && !data.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Credit pack with id: ${ids[0]} was not found`)
  }
  return ids.map((id) => data.find((p: any) => p.id === id)).filter(Boolean) as any[]
}

/**
 * Pack ids sold as the given variants (through the pack ↔ variant link).
 *
 * @example
 * await packIdsOfVariants(req.scope, ["variant_1"]) // ["iappack_1"]
 */
export async function packIdsOfVariants(scope: MedusaContainer, variantIds: string[]): Promise<string[]> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "product_variant", fields: ["id", "iap_credit_pack.id"], filters: { id: variantIds } })
  return data.map((v: any) => v.iap_credit_pack?.id).filter(Boolean)
}
