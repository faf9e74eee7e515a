/**
 * Every workflow, step and helper of the plugin (`medusa-plugin-iap/workflows`). Start with
 * README.md in this folder: the domains, and the four ways to charge credits.
 */
export * from "./events"

// Credits: the four ways to charge (see README.md), grant, adjust, void, expire
export * from "./credits/charge-credits"
export * from "./credits/charge-credits-direct"
export * from "./credits/grant-credits"
export * from "./credits/adjust-credits"
export * from "./credits/expire-lots"
export * from "./credits/with-credits"
export * from "./credits/steps/debit-credits"
export * from "./credits/steps/grant-credits"
export * from "./credits/steps/adjust-credits"
export * from "./credits/consume-service"
export * from "./credits/steps/consume-service"
export * from "./credits/void-credit-lot"
export * from "./credits/steps/void-credit-lot"

// Holds: authorize, capture, cancel, expire
export * from "./holds/authorize-credits"
export * from "./holds/capture-hold"
export * from "./holds/cancel-hold"
export * from "./holds/expire-holds"
export * from "./holds/hold-direct"
export * from "./holds/steps/authorize-credits"
export * from "./holds/steps/capture-hold"
export * from "./holds/steps/cancel-hold"

// Credit packs and the credits bought with them
export * from "./packs/create-credit-packs"
export * from "./packs/create-credit-pack-product"
export * from "./packs/update-credit-pack"
export * from "./packs/delete-credit-packs"
export * from "./packs/grant-purchased-credits"
export * from "./packs/release-purchased-credits"
export * from "./packs/void-purchased-credits"
export * from "./packs/steps/validate-credit-packs"
export * from "./packs/steps/create-credit-packs"
export * from "./packs/steps/collect-order-credit-packs"
export * from "./packs/steps/grant-purchased-lots"
export * from "./packs/steps/release-purchased-lots"
export * from "./packs/steps/void-purchased-lots"
export * from "./packs/utils/cart-credit-packs"
export * from "./packs/utils/cart-validators"
export * from "./packs/fulfill-credit-packs"
export * from "./packs/steps/collect-pack-fulfillment"
export * from "./packs/steps/ensure-digital-delivery"
export * from "./packs/utils/digital-delivery"
export * from "./packs/offer-digital-delivery"
export * from "./packs/steps/offer-digital-delivery"
export * from "./packs/utils/offer-digital-delivery"

// Accounts
export * from "./accounts/create-iap-account"
export * from "./accounts/update-iap-account"
export * from "./accounts/rotate-iap-account-token"
export * from "./accounts/send-threshold-warning"
export * from "./accounts/steps/create-iap-account"
export * from "./accounts/steps/update-iap-account"
export * from "./accounts/steps/rotate-iap-account-token"
export * from "./accounts/steps/validate-account-references"
export * from "./accounts/steps/prepare-threshold-warning"
export * from "./accounts/utils/threshold-warning"

// Services
export * from "./services/create-iap-service"
export * from "./services/update-iap-service"
export * from "./services/rotate-iap-service-key"
export * from "./services/steps/create-iap-service"
export * from "./services/steps/update-iap-service"
export * from "./services/steps/rotate-iap-service-key"

// Auto-recharge
export * from "./recharge/upsert-auto-recharge"
export * from "./recharge/trigger-auto-recharge"
export * from "./recharge/run-recharge"
export * from "./recharge/settle-recharge"
export * from "./recharge/retry-recharges"
export * from "./recharge/steps/validate-auto-recharge"
export * from "./recharge/steps/upsert-auto-recharge"
export * from "./recharge/steps/settle-recharge"
export * from "./recharge/utils/recharge-notifications"

// Refunds and returns take back credits
export * from "./refunds/clawback-order-credits"
export * from "./refunds/clawback-refunded-payment"
export * from "./refunds/steps/collect-order-clawbacks"
export * from "./refunds/steps/clawback-order-lines"
export * from "./refunds/utils/refund-clawbacks"
export * from "./refunds/utils/order-clawback-history"

// Odoo databases' tokens
export * from "./odoo/link-odoo-token"
export * from "./odoo/revoke-odoo-token"
export * from "./odoo/steps/link-odoo-token"
export * from "./odoo/steps/revoke-odoo-token"

// Steps shared by every domain
export * from "./common/steps/resolve-iap-account"
export * from "./common/steps/emit-iap-events"
