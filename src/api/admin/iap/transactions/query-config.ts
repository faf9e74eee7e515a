/** The ledger is read with the IAP module's portal queries; only pagination comes from here. */
export const listAdminIapTransactionQueryConfig = {
  defaultLimit: 50,
  isList: true,
}

export const exportAdminIapTransactionQueryConfig = {
  isList: false,
}

/** Rows fetched per round trip of the CSV export's cursor. */
export const EXPORT_BATCH_SIZE = 1000
