import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProductVariant, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading } from "@medusajs/ui"
import { humanize } from "../components/common/badges"
import { ErrorState, LoadingState, SectionRow } from "../components/common/states"
import { useIapPacks } from "../hooks/packs"
import { formatCredits } from "../lib/format"

/** Variant page: its credit pack settings; nothing when the variant is not a pack. */
const ProductVariantIapPackWidget = ({ data: variant }: DetailWidgetProps<AdminProductVariant>) => {
  const { packs, isLoading, isError, error, refetch } = useIapPacks({ variant_id: [variant.id] })
  const pack = packs?.[0]
  if (!isLoading && !isError && !pack) return null
  return (
    <Container className="divide-y p-0" data-testid="iap-variant-widget">
      <div className="px-6 py-4">
        <Heading level="h2">Credit pack</Heading>
      </div>
      {isLoading ? (
        <LoadingState rows={3} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit pack" />
      ) : (
        pack && (
          <>
            <SectionRow title="Service" value={pack.service ? `${pack.service.name} (${pack.service.technical_name})` : pack.service_id} />
            <SectionRow title="Credits per unit" value={formatCredits(pack.credits, pack.service?.unit_name)} />
            <SectionRow title="Expiry" value={pack.expires_after_days ? `${pack.expires_after_days} days after purchase` : "Never"} />
            <SectionRow title="Category" value={humanize(pack.category)} />
          </>
        )
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product_variant.details.after",
})

export default ProductVariantIapPackWidget
