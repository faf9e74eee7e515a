"use client"
import React, { useState } from "react"
import type { IapStoreClient } from "../client"
import type { StoreIapPack } from "../../types/http/store"
import { cx, formatCredits, formatPrice } from "../format"
import { toError, useIapQuery } from "../hooks"
import { Empty, ErrorNotice, Loading } from "./states"

export type BuyCreditsProps = {
  client: IapStoreClient
  /** Prices are those of this region (its currency, the customer's price lists). */
  regionId: string
  /** Only this service's packs (technical name). */
  service?: string
  /** Adds the pack to the storefront's cart; resolves when done (e.g. call your cart action). */
  onAddToCart: (pack: StoreIapPack) => Promise<unknown> | unknown
  className?: string
}

/**
 * The credit packs on sale in this region, with prices and an "Add to cart" button each.
 *
 * @example
 * <BuyCredits client={iap} regionId={region.id} onAddToCart={(p) => addToCart({ variantId: p.variant_id, quantity: 1 })} />
 */
export function BuyCredits({ client, regionId, service, onAddToCart, className }: BuyCreditsProps) {
  const { data, error, loading, reload } = useIapQuery(() => client.listPacks({ region_id: regionId, service }), `packs:${regionId}:${service ?? ""}`)
  const [busy, setBusy] = useState<string | null>(null)
  const [added, setAdded] = useState<string | null>(null)
  const [addError, setAddError] = useState<Error | null>(null)
  if (loading && !data) return <Loading label="Loading credit packs…" className={className} />
  if (error) return <ErrorNotice error={error} onRetry={reload} className={className} />
  if (!data?.packs.length) return <Empty className={className}>No credit packs are on sale here.</Empty>
  const add = async (pack: StoreIapPack) => {
    setBusy(pack.id)
    setAddError(null)
    try {
      await onAddToCart(pack)
      setAdded(pack.id)
    } catch (e) {
      setAddError(toError(e))
    } finally {
      setBusy(null)
    }
  }
  return (
    <div className={className}>
      <ul className="grid gap-4 small:grid-cols-3" aria-label="Credit packs">
        {data.packs.map((pack) => (
          <li key={pack.id} className="rounded-rounded border border-ui-border-base p-4 flex flex-col gap-y-2">
            <span className="txt-compact-medium-plus">{formatCredits(pack.credits, pack.service.unit_name)}</span>
            <span className="txt-compact-small text-ui-fg-subtle">{pack.service.name}</span>
            {pack.expires_after_days && (
              <span className="txt-compact-small text-ui-fg-muted">Valid {pack.expires_after_days} days</span>
            )}
            {pack.calculated_price && (
              <span className="txt-compact-medium">{formatPrice(pack.calculated_price.calculated_amount, pack.calculated_price.currency_code)}</span>
            )}
            <button
              type="button"
              onClick={() => add(pack)}
              disabled={busy !== null}
              aria-label={`Add ${formatCredits(pack.credits, pack.service.unit_name)} to cart`}
              className="rounded-rounded bg-ui-button-inverted text-ui-fg-on-inverted px-3 py-1.5 disabled:opacity-50"
            >
              {busy === pack.id ? "Adding…" : added === pack.id ? "Added ✓" : "Add to cart"}
            </button>
          </li>
        ))}
      </ul>
      {addError && <ErrorNotice error={addError} className="mt-2" />}
    </div>
  )
}
