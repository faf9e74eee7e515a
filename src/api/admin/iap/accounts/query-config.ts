/**
 * Accounts are read with the IAP module's portal queries (one statement per page, with the
 * customer and the sales channel names), so only pagination comes from the query config.
 */
export const listAdminIapAccountQueryConfig = {
  defaultLimit: 20,
  isList: true,
}

export const retrieveAdminIapAccountQueryConfig = {
  isList: false,
}
