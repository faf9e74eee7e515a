import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CurrencyDollar } from "@medusajs/icons"
import { AccountsSection } from "../../components/account/accounts-section"

/**
 * Main sidebar → Credits: every IAP account (search, filters, create). Services and packs, set
 * up once, stay under Settings → In-App Purchases, as the dashboard keeps configuration there.
 */
const IapCreditsPage = () => {
  return (
    <div className="flex flex-col gap-y-3" data-testid="iap-credits-page">
      <AccountsSection />
    </div>
  )
}

export const handle = {
  breadcrumb: () => "Credits",
}

export const config = defineRouteConfig({
  label: "Credits",
  icon: CurrencyDollar,
})

export default IapCreditsPage
