/** The consumption series is an aggregate: no fields, no pagination. */
export const storeIapConsumptionQueryConfig = { isList: false }
