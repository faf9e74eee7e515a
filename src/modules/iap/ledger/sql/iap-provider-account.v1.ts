/**
 * `iap_provider_account`, version 1: `p_account_id` when it is the account a provider API call
 * may address, checked as the routes check it (src/api/iap/v1/authenticate-provider.ts,
 * provider-account.ts): the key (by its hash) is `p_service_id`'s, the token (by its hash) is the
 * account's, the account is that service's and not closed, and an account restricted to sales
 * channels is addressed with one of them. NULL otherwise, without telling why: the caller then
 * answers from its general path. Used inside the provider's one statement
 * (`SELECT iap_debit(coalesce(iap_provider_account(…), ''), …)`), so the check costs no round
 * trip of its own. Created by migration Migration20261128170000; a change is a new version in a
 * new migration.
 */
export const IAP_PROVIDER_ACCOUNT_V1 = `
CREATE OR REPLACE FUNCTION iap_provider_account(
  p_account_id text, p_token_hash text, p_service_id text, p_key_hash text, p_sales_channel_id text
) RETURNS text LANGUAGE plpgsql STABLE AS
$fn$
BEGIN
  PERFORM 1
     FROM iap_account a JOIN iap_service s ON s.id = a.service_id
    WHERE a.id = p_account_id AND a.token_hash = p_token_hash AND a.deleted_at IS NULL AND a.state <> 'closed'
      AND (a.sales_channel_ids = '{}' OR p_sales_channel_id = ANY (a.sales_channel_ids))
      AND s.id = p_service_id AND s.key_hash = p_key_hash AND s.deleted_at IS NULL;
  RETURN CASE WHEN FOUND THEN p_account_id END;
END
$fn$;
`

export const DROP_IAP_PROVIDER_ACCOUNT_V1 = `DROP FUNCTION IF EXISTS iap_provider_account(text, text, text, text, text);`
