/** The lots of an order (through the order ↔ lot link), each with its account's service. */
export const adminOrderIapCreditFields = [
  "id",
  "iap_credit_lots.id",
  "iap_credit_lots.account_id",
  "iap_credit_lots.source_type",
  "iap_credit_lots.source_id",
  "iap_credit_lots.category",
  "iap_credit_lots.initial_amount",
  "iap_credit_lots.remaining",
  "iap_credit_lots.reserved",
  "iap_credit_lots.status",
  "iap_credit_lots.expires_at",
  "iap_credit_lots.unit_price",
  "iap_credit_lots.currency_code",
  "iap_credit_lots.created_at",
  "iap_credit_lots.account.service.technical_name",
  "iap_credit_lots.account.service.name",
  "iap_credit_lots.account.service.unit_name",
]

export const adminOrderIapCreditsQueryConfig = {
  isList: false,
}
