import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProductVariant, DetailWidgetProps } from "@medusajs/framework/types"
import { PencilSquare, Plus, Trash } from "@medusajs/icons"
import { Button, Container, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { ActionMenu } from "../components/common/action-menu"
import { humanize } from "../components/common/badges"
import { ErrorState, LoadingState, SectionRow } from "../components/common/states"
import { PackDrawer } from "../components/packs/pack-drawer"
import { useDeleteIapPack, useIapPacks } from "../hooks/packs"
import { errorMessage } from "../lib/errors"
import { formatCredits } from "../lib/format"

/** Variant page: its credit pack settings, to edit or stop; or a button to sell it as a pack. */
const ProductVariantIapPackWidget = ({ data: variant }: DetailWidgetProps<AdminProductVariant>) => {
  const { packs, isLoading, isError, error, refetch } = useIapPacks({ variant_id: [variant.id] })
  const remove = useDeleteIapPack()
  const prompt = usePrompt()
  const [open, setOpen] = useState(false)
  const pack = packs?.[0]

  const unmake = async () => {
    if (!pack) return
    const ok = await prompt({
      title: "Stop selling this variant as a credit pack?",
      description: "Later purchases grant no credits. Credits already bought stay; the variant itself is not deleted.",
      confirmText: "Stop selling",
      cancelText: "Cancel",
    })
    if (!ok) return
    try {
      await remove.mutateAsync(pack.id)
      toast.success("The variant is no longer a credit pack")
    } catch (e) {
      toast.error("Could not remove the credit pack", { description: errorMessage(e) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="iap-variant-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Credit pack</Heading>
        {pack && (
          <ActionMenu
            testId="iap-variant-pack-actions"
            groups={[
              [{ label: "Edit", icon: <PencilSquare />, onClick: () => setOpen(true) }],
              [{ label: "Stop selling as a pack", icon: <Trash />, onClick: unmake }],
            ]}
          />
        )}
      </div>
      {isLoading ? (
        <LoadingState rows={3} />
      ) : isError ? (
        <ErrorState error={error} onRetry={() => refetch()} title="Could not load the credit pack" />
      ) : pack ? (
        <>
          <SectionRow title="Service" value={pack.service ? `${pack.service.name} (${pack.service.technical_name})` : pack.service_id} />
          <SectionRow title="Credits per unit" testId="iap-variant-pack-credits" value={formatCredits(pack.credits, pack.service?.unit_name)} />
          <SectionRow title="Expiry" value={pack.expires_after_days ? `${pack.expires_after_days} days after purchase` : "Never"} />
          <SectionRow title="Category" value={humanize(pack.category)} />
        </>
      ) : (
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">Not a credit pack: buying it grants no credits.</Text>
          <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="iap-variant-make-pack">
            <Plus />
            Sell as a credit pack
          </Button>
        </div>
      )}
      <PackDrawer variant={variant} pack={pack} open={open} onOpenChange={setOpen} />
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product_variant.details.after",
})

export default ProductVariantIapPackWidget
