/**
 * Links are read with the IAP module's own query (never the token or its hash), so only
 * pagination comes from the query config; `fields` is refused by the validator.
 */
export const listAdminOdooTokenQueryConfig = { defaultLimit: 20, isList: true, allowed: [] as string[] }
