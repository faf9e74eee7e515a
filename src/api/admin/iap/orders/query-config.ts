/** The order and the ids of its lots (through the order ↔ lot link); the module reads the rest. */
export const adminOrderIapCreditFields = ["id", "iap_credit_lots.id"]

export const adminOrderIapCreditsQueryConfig = {
  isList: false,
}
