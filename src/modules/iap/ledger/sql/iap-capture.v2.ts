/**
 * `iap_capture`, version 2: version 1 (migration Migration20261128120000) whose result also says
 * whether the account has enabled auto-recharge settings (`auto_recharge`), as `iap_authorize`
 * v2 does, for `iap.hold.captured`; draws each lot with its own UPDATE by primary key, as
 * `iap_debit` v5; and locks the addressed account (`p_account_id`) without reading the hold
 * first, reading it under the lock instead (another account's hold: NULL). Same signature as version 1, which it replaces. Created by migration
 * Migration20261128140000; a change is a new version in a new migration.
 */
export const IAP_CAPTURE_V2 = `
CREATE OR REPLACE FUNCTION iap_capture(
  p_hold_id text, p_account_id text, p_key text, p_hash text, p_amount numeric, p_description text,
  p_actor_type text, p_actor_id text, p_now text, p_tx_id text, p_op_id text, p_movement_ids text[]
) RETURNS jsonb LANGUAGE plpgsql AS
$fn$
DECLARE
  v_now timestamptz := p_now::timestamptz;
  v_i integer;
  v_account_id text;
  v_acc record;
  v_op record;
  v_hold record;
  v_alloc record;
  v_capture numeric;
  v_left numeric;
  v_take numeric;
  v_lot_ids text[] := '{}';
  v_reserved_takes numeric[] := '{}';
  v_takes numeric[] := '{}';
  v_moved_lots text[] := '{}';
  v_moved numeric[] := '{}';
  v_balance numeric;
  v_reserved numeric;
  v_available numeric;
  v_armed boolean;
  v_reached boolean := false;
  v_description text;
  v_tx jsonb := NULL;
  v_result jsonb;
BEGIN
  -- The account the caller addresses is locked at once; without one, the hold's.
  IF p_account_id IS NOT NULL THEN
    v_account_id := p_account_id;
  ELSE
    SELECT h.account_id INTO v_account_id FROM iap_hold h WHERE h.id = p_hold_id AND h.deleted_at IS NULL;
    IF NOT FOUND THEN RETURN NULL; END IF;
  END IF;

  SELECT a.id, a.service_id, a.customer_id, a.state, a.balance, a.reserved, a.pending, a.debt, a.overdraft_limit,
         a.warning_threshold, a.warning_armed, s.technical_name, s.integer_credits
    INTO v_acc
    FROM iap_account a JOIN iap_service s ON s.id = a.service_id
   WHERE a.id = v_account_id AND a.deleted_at IS NULL
     FOR UPDATE OF a;
  IF NOT FOUND THEN RETURN NULL; END IF;

  SELECT o.operation, o.request_hash, o.result INTO v_op
    FROM iap_operation o
   WHERE o.account_id = v_account_id AND o.idempotency_key = p_key AND o.deleted_at IS NULL;
  IF FOUND THEN
    IF v_op.operation = 'capture' AND v_op.request_hash = p_hash THEN
      RETURN v_op.result || jsonb_build_object('replayed', true, 'auto_recharge', EXISTS (
        SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = v_account_id AND r.enabled AND r.deleted_at IS NULL));
    END IF;
    RETURN NULL;
  END IF;

  -- Read under the lock (it may have been resolved since any earlier read): the locked account's, or NULL.
  SELECT h.id, h.account_id, h.amount, h.status, h.expires_at, h.description, h.idempotency_key, h.reference_type, h.reference_id,
         h.usage, h.created_at
    INTO v_hold
    FROM iap_hold h WHERE h.id = p_hold_id AND h.deleted_at IS NULL;
  IF NOT FOUND OR v_hold.account_id <> v_account_id THEN RETURN NULL; END IF;
  IF v_hold.status <> 'pending' OR v_hold.expires_at <= v_now OR v_hold.usage IS NOT NULL THEN RETURN NULL; END IF;
  v_capture := coalesce(p_amount, v_hold.amount);
  IF v_capture < 0 OR v_capture > v_hold.amount OR (v_acc.integer_credits AND v_capture <> trunc(v_capture)) THEN
    RETURN NULL;
  END IF;
  -- Any lot due to expire is expired by the general path first (with its own ledger row).
  IF EXISTS (SELECT 1 FROM iap_credit_lot l WHERE l.account_id = v_account_id AND l.status = 'available'
               AND l.remaining > 0 AND l.deleted_at IS NULL AND l.expires_at <= v_now) THEN
    RETURN NULL;
  END IF;

  -- The hold's portions in rule 3's order: the capture is taken from the first ones.
  v_left := v_capture;
  FOR v_alloc IN
    SELECT al.lot_id, al.amount, l.status
      FROM iap_hold_allocation al JOIN iap_credit_lot l ON l.id = al.lot_id
     WHERE al.hold_id = p_hold_id AND al.deleted_at IS NULL
     ORDER BY date_trunc('milliseconds', l.expires_at) NULLS LAST, (l.category = 'promotional') DESC,
              date_trunc('milliseconds', l.created_at), l.id COLLATE "C"
  LOOP
    IF v_alloc.status <> 'available' THEN RETURN NULL; END IF;
    v_take := least(v_alloc.amount, v_left);
    v_left := v_left - v_take;
    v_lot_ids := v_lot_ids || v_alloc.lot_id;
    v_reserved_takes := v_reserved_takes || v_alloc.amount;
    v_takes := v_takes || v_take;
    IF v_take > 0 THEN
      v_moved_lots := v_moved_lots || v_alloc.lot_id;
      v_moved := v_moved || v_take;
    END IF;
  END LOOP;
  -- A part authorized on overdraft is drawn like a debit by the general path.
  IF v_left > 0 OR cardinality(v_moved_lots) > cardinality(p_movement_ids) THEN RETURN NULL; END IF;

  v_balance := v_acc.balance - v_capture;
  v_reserved := v_acc.reserved - v_hold.amount;
  v_available := v_balance - v_reserved + v_acc.overdraft_limit;
  v_armed := v_acc.warning_armed;
  IF v_acc.warning_threshold IS NOT NULL THEN
    IF v_armed AND v_available < v_acc.warning_threshold THEN
      v_armed := false;
      v_reached := true;
    ELSIF NOT v_armed AND v_available >= v_acc.warning_threshold THEN
      v_armed := true;
    END IF;
  END IF;
  v_description := coalesce(p_description, v_hold.description);

  -- One UPDATE per lot, by primary key: its plan is cached; a join on unnest() was planned again on every call.
  FOR v_i IN 1 .. cardinality(v_lot_ids) LOOP
    UPDATE iap_credit_lot l
       SET remaining = trim_scale(l.remaining - v_takes[v_i]), raw_remaining = iap_raw_amount(l.remaining - v_takes[v_i]),
           reserved = trim_scale(l.reserved - v_reserved_takes[v_i]), raw_reserved = iap_raw_amount(l.reserved - v_reserved_takes[v_i]),
           updated_at = v_now
     WHERE l.id = v_lot_ids[v_i];
  END LOOP;

  UPDATE iap_hold
     SET status = 'captured', captured_amount = trim_scale(v_capture), raw_captured_amount = iap_raw_amount(v_capture),
         resolved_at = v_now, updated_at = v_now
   WHERE id = p_hold_id;

  IF v_capture > 0 THEN
    INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after, hold_id,
      reference_type, reference_id, idempotency_key, request_hash, description, actor_type, actor_id, usage, rate_id,
      rate_version, created_at, updated_at)
    VALUES (p_tx_id, v_account_id, 'capture', trim_scale(-v_capture), iap_raw_amount(-v_capture), trim_scale(v_balance),
      iap_raw_amount(v_balance), p_hold_id, v_hold.reference_type, v_hold.reference_id, p_key, p_hash, v_description,
      p_actor_type, p_actor_id, NULL, NULL, NULL, v_now, v_now);

    INSERT INTO iap_transaction_lot (id, transaction_id, lot_id, amount, raw_amount, created_at, updated_at)
    SELECT p_movement_ids[i], p_tx_id, v_moved_lots[i], trim_scale(-v_moved[i]), iap_raw_amount(-v_moved[i]), v_now, v_now
      FROM generate_subscripts(v_moved_lots, 1) AS i;

    v_tx := jsonb_build_object(
      'id', p_tx_id, 'account_id', v_account_id, 'type', 'capture', 'amount', trim_scale(-v_capture),
      'balance_after', trim_scale(v_balance), 'hold_id', p_hold_id, 'reference_type', v_hold.reference_type,
      'reference_id', v_hold.reference_id, 'idempotency_key', p_key, 'description', v_description,
      'actor_type', p_actor_type, 'actor_id', p_actor_id, 'usage', NULL, 'rate_id', NULL, 'rate_version', NULL,
      'created_at', p_now);
  END IF;

  UPDATE iap_account
     SET balance = trim_scale(v_balance), raw_balance = iap_raw_amount(v_balance), reserved = trim_scale(v_reserved),
         raw_reserved = iap_raw_amount(v_reserved), warning_armed = v_armed, updated_at = v_now
   WHERE id = v_account_id;

  -- The result of ledger/mutate.ts, key for key (dto.ts), also stored for replays.
  v_result := jsonb_build_object(
    'hold', jsonb_build_object(
      'id', p_hold_id, 'account_id', v_account_id, 'amount', trim_scale(v_hold.amount), 'captured_amount', trim_scale(v_capture),
      'status', 'captured', 'expires_at', to_char(v_hold.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'resolved_at', p_now, 'description', v_hold.description, 'idempotency_key', v_hold.idempotency_key,
      'reference_type', v_hold.reference_type, 'reference_id', v_hold.reference_id, 'usage', NULL, 'rate_id', NULL,
      'rate_version', NULL, 'created_at', to_char(v_hold.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
    'transaction', v_tx,
    'account', jsonb_build_object(
      'id', v_acc.id, 'service_id', v_acc.service_id, 'service', v_acc.technical_name, 'customer_id', v_acc.customer_id,
      'state', v_acc.state, 'balance', trim_scale(v_balance), 'reserved', trim_scale(v_reserved),
      'available', trim_scale(v_available), 'pending', trim_scale(v_acc.pending),
      'debt', trim_scale(v_acc.debt), 'overdraft_limit', trim_scale(v_acc.overdraft_limit)),
    'threshold_reached', v_reached,
    'expired_lot_ids', '[]'::jsonb);

  INSERT INTO iap_operation (id, account_id, idempotency_key, operation, request_hash, result, created_at, updated_at)
  VALUES (p_op_id, v_account_id, p_key, 'capture', p_hash, v_result, v_now, v_now);

  -- Read by this last statement's own snapshot, after the writes (as iap_debit v4).
  RETURN v_result || jsonb_build_object('replayed', false, 'auto_recharge', EXISTS (
    SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = v_account_id AND r.enabled AND r.deleted_at IS NULL));
END
$fn$;
`
