/**
 * `iap_authorize`, version 2: version 1 (migration Migration20261128120000) whose result also
 * says whether the account has enabled auto-recharge settings (`auto_recharge`), read after the
 * writes under the account lock, as `iap_debit` v4 does: the trigger after `iap.hold.authorized`
 * skips its own read for accounts without (docs/rules.md §14). Never stored with the operation:
 * a replay reads it afresh. Also reserves each lot with its own UPDATE by primary key, as
 * `iap_debit` v5 draws them. Same signature as version 1, which it replaces. Created by migration
 * Migration20261128140000; a change is a new version in a new migration.
 */
export const IAP_AUTHORIZE_V2 = `
CREATE OR REPLACE FUNCTION iap_authorize(
  p_account_id text, p_key text, p_hash text, p_amount numeric, p_ttl_seconds integer, p_default_ttl integer,
  p_description text, p_reference_type text, p_reference_id text, p_now text, p_hold_id text, p_op_id text,
  p_allocation_ids text[]
) RETURNS jsonb LANGUAGE plpgsql AS
$fn$
DECLARE
  v_now timestamptz := p_now::timestamptz;
  v_i integer;
  v_expires timestamptz;
  v_acc record;
  v_op record;
  v_lot record;
  v_lot_ids text[] := '{}';
  v_takes numeric[] := '{}';
  v_left numeric := p_amount;
  v_take numeric;
  v_reserved numeric;
  v_available numeric;
  v_armed boolean;
  v_reached boolean := false;
  v_hold jsonb;
  v_result jsonb;
BEGIN
  SELECT a.id, a.service_id, a.customer_id, a.state, a.balance, a.reserved, a.pending, a.debt, a.overdraft_limit,
         a.warning_threshold, a.warning_armed, s.technical_name, s.status AS service_status, s.integer_credits,
         s.hold_ttl_seconds
    INTO v_acc
    FROM iap_account a JOIN iap_service s ON s.id = a.service_id
   WHERE a.id = p_account_id AND a.deleted_at IS NULL
     FOR UPDATE OF a;
  IF NOT FOUND THEN RETURN NULL; END IF;

  SELECT o.operation, o.request_hash, o.result INTO v_op
    FROM iap_operation o
   WHERE o.account_id = p_account_id AND o.idempotency_key = p_key AND o.deleted_at IS NULL;
  IF FOUND THEN
    IF v_op.operation = 'authorize' AND v_op.request_hash = p_hash THEN
      RETURN v_op.result || jsonb_build_object('replayed', true, 'auto_recharge', EXISTS (
        SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = p_account_id AND r.enabled AND r.deleted_at IS NULL));
    END IF;
    RETURN NULL;
  END IF;

  IF v_acc.state <> 'active' OR v_acc.service_status <> 'active' OR p_amount <= 0
     OR (v_acc.integer_credits AND p_amount <> trunc(p_amount))
     OR p_amount > v_acc.balance - v_acc.reserved + v_acc.overdraft_limit THEN
    RETURN NULL;
  END IF;

  -- Rule 3's order (utils/draw-down.ts), as iap_debit reads it.
  FOR v_lot IN
    SELECT l.id, l.remaining - l.reserved AS free, l.expires_at
      FROM iap_credit_lot l
     WHERE l.account_id = p_account_id AND l.status = 'available' AND l.remaining > 0 AND l.deleted_at IS NULL
     ORDER BY date_trunc('milliseconds', l.expires_at) NULLS LAST, (l.category = 'promotional') DESC,
              date_trunc('milliseconds', l.created_at), l.id COLLATE "C"
  LOOP
    IF v_lot.expires_at IS NOT NULL AND v_lot.expires_at <= v_now THEN RETURN NULL; END IF;
    EXIT WHEN v_left = 0;
    CONTINUE WHEN v_lot.free <= 0;
    v_take := least(v_lot.free, v_left);
    v_lot_ids := v_lot_ids || v_lot.id;
    v_takes := v_takes || v_take;
    v_left := v_left - v_take;
  END LOOP;
  IF cardinality(v_lot_ids) > cardinality(p_allocation_ids) THEN RETURN NULL; END IF;

  -- On overdraft part of the hold has no lot portion: capture draws it then (lots, else debt).
  v_expires := v_now + make_interval(secs => coalesce(p_ttl_seconds, v_acc.hold_ttl_seconds, p_default_ttl));
  v_reserved := v_acc.reserved + p_amount;
  v_available := v_acc.balance - v_reserved + v_acc.overdraft_limit;
  v_armed := v_acc.warning_armed;
  IF v_acc.warning_threshold IS NOT NULL THEN
    IF v_armed AND v_available < v_acc.warning_threshold THEN
      v_armed := false;
      v_reached := true;
    ELSIF NOT v_armed AND v_available >= v_acc.warning_threshold THEN
      v_armed := true;
    END IF;
  END IF;

  -- One UPDATE per lot, by primary key: its plan is cached; a join on unnest() was planned again on every call.
  FOR v_i IN 1 .. cardinality(v_lot_ids) LOOP
    UPDATE iap_credit_lot l
       SET reserved = trim_scale(l.reserved + v_takes[v_i]), raw_reserved = iap_raw_amount(l.reserved + v_takes[v_i]), updated_at = v_now
     WHERE l.id = v_lot_ids[v_i];
  END LOOP;

  INSERT INTO iap_hold (id, account_id, amount, raw_amount, captured_amount, raw_captured_amount, status, expires_at,
    resolved_at, description, idempotency_key, reference_type, reference_id, usage, rate_id, rate_version, created_at, updated_at)
  VALUES (p_hold_id, p_account_id, trim_scale(p_amount), iap_raw_amount(p_amount), 0, iap_raw_amount(0), 'pending', v_expires,
    NULL, p_description, p_key, p_reference_type, p_reference_id, NULL, NULL, NULL, v_now, v_now);

  INSERT INTO iap_hold_allocation (id, hold_id, lot_id, amount, raw_amount, created_at, updated_at)
  SELECT p_allocation_ids[i], p_hold_id, v_lot_ids[i], trim_scale(v_takes[i]), iap_raw_amount(v_takes[i]), v_now, v_now
    FROM generate_subscripts(v_lot_ids, 1) AS i;

  UPDATE iap_account
     SET reserved = trim_scale(v_reserved), raw_reserved = iap_raw_amount(v_reserved), warning_armed = v_armed, updated_at = v_now
   WHERE id = p_account_id;

  -- The result of ledger/mutate.ts, key for key (dto.ts holdDto, balancesDto), also stored for replays.
  v_hold := jsonb_build_object(
    'id', p_hold_id, 'account_id', p_account_id, 'amount', trim_scale(p_amount), 'captured_amount', 0, 'status', 'pending',
    'expires_at', to_char(v_expires AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'resolved_at', NULL,
    'description', p_description, 'idempotency_key', p_key, 'reference_type', p_reference_type, 'reference_id', p_reference_id,
    'usage', NULL, 'rate_id', NULL, 'rate_version', NULL, 'created_at', p_now);
  v_result := jsonb_build_object(
    'hold', v_hold,
    'account', jsonb_build_object(
      'id', v_acc.id, 'service_id', v_acc.service_id, 'service', v_acc.technical_name, 'customer_id', v_acc.customer_id,
      'state', v_acc.state, 'balance', trim_scale(v_acc.balance), 'reserved', trim_scale(v_reserved),
      'available', trim_scale(v_available), 'pending', trim_scale(v_acc.pending),
      'debt', trim_scale(v_acc.debt), 'overdraft_limit', trim_scale(v_acc.overdraft_limit)),
    'threshold_reached', v_reached,
    'expired_lot_ids', '[]'::jsonb);

  INSERT INTO iap_operation (id, account_id, idempotency_key, operation, request_hash, result, created_at, updated_at)
  VALUES (p_op_id, p_account_id, p_key, 'authorize', p_hash, v_result, v_now, v_now);

  -- Read by this last statement's own snapshot, after the writes (as iap_debit v4).
  RETURN v_result || jsonb_build_object('replayed', false, 'auto_recharge', EXISTS (
    SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = p_account_id AND r.enabled AND r.deleted_at IS NULL));
END
$fn$;
`
