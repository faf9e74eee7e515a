/** Store accounts and their ledgers are read with the IAP module's portal queries. */
export const listStoreIapAccountQueryConfig = { defaultLimit: 20, isList: true }
export const retrieveStoreIapAccountQueryConfig = { isList: false }
export const listStoreIapTransactionQueryConfig = { defaultLimit: 50, isList: true }
