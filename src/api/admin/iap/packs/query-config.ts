/** Fields an admin pack response has unless `?fields=` says otherwise. */
export const defaultAdminCreditPackFields = [
  "id",
  "service_id",
  "credits",
  "expires_after_days",
  "category",
  "metadata",
  "created_at",
  "updated_at",
  "service.id",
  "service.technical_name",
  "service.name",
  "service.unit_name",
  "service.status",
  "product_variant.id",
  "product_variant.title",
  "product_variant.sku",
  "product_variant.product_id",
  "product_variant.product.title",
  "product_variant.product.status",
  "product_variant.prices.amount",
  "product_variant.prices.currency_code",
]

export const adminCreditPackQueryConfig = {
  retrieve: { defaults: defaultAdminCreditPackFields, allowed: defaultAdminCreditPackFields, isList: false },
  list: { defaults: defaultAdminCreditPackFields, allowed: defaultAdminCreditPackFields, isList: true, defaultLimit: 20 },
}
