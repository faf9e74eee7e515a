import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { defaultAdminIapServiceFields } from "./query-config"

/**
 * Re-reads a service with Query after a workflow changed it.
 *
 * @example
 * const service = await refetchIapService(req.scope, id, req.queryConfig?.fields)
 */
export async function refetchIapService(scope: MedusaContainer, id: string, fields: string[] = defaultAdminIapServiceFields) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "iap_service", fields, filters: { id } })
  if (!data.length) throw new MedusaError(MedusaError.Types.NOT_FOUND, `IAP service with id: ${id} was not found`)
  return data[0]
}
