import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CreditCard } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { PacksSection } from "../../../components/settings/packs-section"
import { ServicesSection } from "../../../components/settings/services-section"

/** Settings → In-App Purchases: services (with keys) and credit packs. */
const IapSettingsPage = () => {
  return (
    <div className="flex flex-col gap-y-3" data-testid="iap-settings-page">
      <Container className="px-6 py-4">
        <Heading level="h1">In-App Purchases</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Services sold with prepaid credits and the packs that sell them. Accounts and balances are under{" "}
          <Link to="/iap" className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
            Credits
          </Link>
          .
        </Text>
      </Container>
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
