/** Fields of an IAP service over HTTP: never the key's hash (only `key_hint`). */
export const defaultAdminIapServiceFields = [
  "id",
  "technical_name",
  "name",
  "description",
  "unit_name",
  "integer_credits",
  "trial_credits",
  "default_warning_threshold",
  "provider_type",
  "status",
  "key_hint",
  "hold_ttl_seconds",
  "metadata",
  "created_at",
  "updated_at",
]

export const retrieveAdminIapServiceQueryConfig = {
  defaults: defaultAdminIapServiceFields,
  allowed: defaultAdminIapServiceFields,
  isList: false,
}

export const listAdminIapServiceQueryConfig = {
  ...retrieveAdminIapServiceQueryConfig,
  defaultLimit: 20,
  isList: true,
}
