import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CreditCard } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { AccountsSection } from "../../../components/settings/accounts-section"
import { PacksSection } from "../../../components/settings/packs-section"
import { ServicesSection } from "../../../components/settings/services-section"

/** Settings → In-App Purchases: services (with keys), credit packs and every account. */
const IapSettingsPage = () => {
  return (
    <div className="flex flex-col gap-y-3" data-testid="iap-settings-page">
      <Container className="px-6 py-4">
        <Heading level="h1">In-App Purchases</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Prepaid credits for your services: sell packs through checkout, watch balances, grant and correct credits.
        </Text>
      </Container>
      <AccountsSection />
      <ServicesSection />
      <PacksSection />
    </div>
  )
}

export const handle = {
  breadcrumb: () => "In-App Purchases",
}

export const config = defineRouteConfig({
  label: "In-App Purchases",
  icon: CreditCard,
})

export default IapSettingsPage
