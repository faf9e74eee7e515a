import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { PackTable } from "../components/common/pack-table"
import { ErrorState, LoadingState } from "../components/common/states"
import { useIapPacks } from "../hooks/packs"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"

/** The product's variant ids: from the page's data, else fetched (the page may omit variants). */
function useVariantIds(product: AdminProduct) {
  const given = product.variants?.map((v) => v.id)
  const { data } = useQuery({
    queryKey: [...iapQueryKeys.packs.all, "product-variants", product.id],
    queryFn: () => sdk.admin.product.listVariants(product.id, { fields: "id", limit: 100 }),
    enabled: !given,
  })
  return given ?? data?.variants.map((v) => v.id)
}

/**
 * Product page: the credit packs its variants sell. Products that sell no pack (most of a
 * store) show nothing, rather than an empty card on every product page.
 */
const ProductIapPacksWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const variantIds = useVariantIds(product)
  const { packs, isLoading, isError, error, refetch } = useIapPacks(
    { variant_id: variantIds, limit: 100 },
    { enabled: !!variantIds?.length }
  )
  if (!variantIds?.length || (!isLoading && !isError && !packs?.length)) return null
  return (
    <Container className="divide-y p-0" data-testid="iap-product-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Credit packs</Heading>
        <Text size="small" className="text-ui-fg-subtle">Buying a variant grants its credits × quantity</Text>
      </div>
      {isLoading ? (
        <LoadingState rows={2} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit packs" />
      ) : (
        <div className="overflow-x-auto">
          <PackTable packs={packs ?? []} showVariant />
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductIapPacksWidget
