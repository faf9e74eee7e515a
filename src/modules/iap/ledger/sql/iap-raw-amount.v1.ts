/**
 * `iap_raw_amount(numeric)`: the `raw_*` JSON column of a numeric (`{ value, precision: 20 }`,
 * the shape Medusa's BigNumber writes), for SQL that writes amounts without the ORM.
 * Frozen: created by Migration20261126110000; a change is a new `.v2.ts` and a new migration.
 */
export const IAP_RAW_AMOUNT_V1 = `
CREATE OR REPLACE FUNCTION iap_raw_amount(v numeric) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$fn$ SELECT jsonb_build_object('value', trim_scale(v)::text, 'precision', 20) $fn$;
`
