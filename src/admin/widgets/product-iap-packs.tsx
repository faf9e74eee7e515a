import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Plus } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { PackTable } from "../components/common/pack-table"
import { ErrorState, LoadingState } from "../components/common/states"
import { SellPacksDrawer } from "../components/packs/sell-packs-drawer"
import { useIapPacks } from "../hooks/packs"
import { iapQueryKeys } from "../lib/query-keys"
import { sdk } from "../lib/sdk"

/** The product's variants (id, title): from the page's data, else fetched (the page may omit them). */
function useVariants(product: AdminProduct) {
  const given = product.variants?.map((v) => ({ id: v.id, title: v.title ?? null }))
  const { data } = useQuery({
    queryKey: [...iapQueryKeys.packs.all, "product-variants", product.id],
    queryFn: () => sdk.admin.product.listVariants(product.id, { fields: "id,title", limit: 100 }),
    enabled: !given,
  })
  return given ?? data?.variants.map((v) => ({ id: v.id, title: v.title ?? null }))
}

/**
 * Product page: the credit packs its variants sell, and "Sell as credit packs" for the
 * variants that are not packs yet.
 */
const ProductIapPacksWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const variants = useVariants(product)
  const [open, setOpen] = useState(false)
  const { packs, isLoading, isError, error, refetch } = useIapPacks(
    { variant_id: variants?.map((v) => v.id), limit: 100 },
    { enabled: !!variants?.length }
  )
  if (!variants?.length) return null
  const packed = new Set((packs ?? []).map((p) => p.product_variant?.id))
  const plain = variants.filter((v) => !packed.has(v.id))
  return (
    <Container className="divide-y p-0" data-testid="iap-product-widget">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Credit packs</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {packs?.length ? "Buying a variant grants its credits × quantity" : "No variant of this product grants credits"}
          </Text>
        </div>
        {!isLoading && !isError && plain.length > 0 && (
          <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="iap-product-sell-packs">
            <Plus />
            Sell as credit packs
          </Button>
        )}
      </div>
      {isLoading ? (
        <LoadingState rows={2} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit packs" />
      ) : packs?.length ? (
        <div className="overflow-x-auto">
          <PackTable packs={packs} showVariant />
        </div>
      ) : null}
      <SellPacksDrawer variants={plain} open={open} onOpenChange={setOpen} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.after",
})

export default ProductIapPacksWidget
