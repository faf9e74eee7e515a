/**
 * `iap_debit`, version 6: version 5 (migration Migration20261128140000) reading the month's usage
 * counter of a usage charge once, under the lock, for both the graduated price and the write,
 * which is then an UPDATE by primary key instead of an INSERT … ON CONFLICT (grouped statements
 * of 8 calls on one account, Postgres time per call: flat usage 284 → 276 µs, graduated 301 → 282
 * µs, a plain debit 246 µs; docs/benchmarks.md).
 * Same rows, same result, same signature as version 5, which it replaces. Created by migration
 * Migration20261128200000; a change is a new version in a new migration.
 */
export const IAP_DEBIT_V6 = `
CREATE OR REPLACE FUNCTION iap_debit(
  p_account_id text, p_key text, p_hash text, p_amount numeric,
  p_reference_type text, p_reference_id text, p_description text, p_actor_type text, p_actor_id text,
  p_now text, p_tx_id text, p_op_id text, p_movement_ids text[],
  p_usage jsonb, p_rate_id text, p_rate_version integer, p_service_id text, p_rate_revision integer,
  p_quantity numeric, p_usage_id text, p_tier_up_to numeric[], p_tier_units numeric[]
) RETURNS jsonb LANGUAGE plpgsql AS
$fn$
DECLARE
  v_now timestamptz := p_now::timestamptz;
  v_i integer;
  v_acc record;
  v_op record;
  v_lot record;
  v_lot_ids text[] := '{}';
  v_takes numeric[] := '{}';
  v_left numeric;
  v_before numeric := 0;
  v_exact numeric := 0;
  v_lower numeric := 0;
  v_from numeric;
  v_to numeric;
  v_t integer;
  v_take numeric;
  v_balance numeric;
  v_debt numeric;
  v_armed boolean;
  v_reached boolean := false;
  v_metric text;
  v_month text;
  v_month_id text;
  v_result jsonb;
BEGIN
  SELECT a.id, a.service_id, a.customer_id, a.state, a.balance, a.reserved, a.pending, a.debt, a.overdraft_limit,
         a.warning_threshold, a.warning_armed, s.technical_name, s.status AS service_status, s.integer_credits,
         s.rate_revision
    INTO v_acc
    FROM iap_account a JOIN iap_service s ON s.id = a.service_id
   WHERE a.id = p_account_id AND a.deleted_at IS NULL
     FOR UPDATE OF a;
  IF NOT FOUND THEN RETURN NULL; END IF;

  -- Each statement below takes a new snapshot: it sees what the previous lock holder committed.
  SELECT o.operation, o.request_hash, o.result INTO v_op
    FROM iap_operation o
   WHERE o.account_id = p_account_id AND o.idempotency_key = p_key AND o.deleted_at IS NULL;
  IF FOUND THEN
    IF v_op.operation = 'debit' AND v_op.request_hash = p_hash THEN
      RETURN v_op.result || jsonb_build_object('replayed', true, 'auto_recharge', EXISTS (
        SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = p_account_id AND r.enabled AND r.deleted_at IS NULL));
    END IF;
    RETURN NULL;
  END IF;

  -- A usage priced in the app from a cached rate card: charged only if no rate card change
  -- happened since (the revision), else the general path prices it again under the lock.
  IF p_usage IS NOT NULL AND (v_acc.service_id <> p_service_id OR v_acc.rate_revision <> p_rate_revision) THEN
    RETURN NULL;
  END IF;

  -- The month's usage counter of the metric, read under the lock: its quantity prices a graduated
  -- rate, its id lets the write below be a plain UPDATE by primary key.
  IF p_usage IS NOT NULL THEN
    v_metric := p_usage->>'metric';
    v_month := to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM');
    SELECT m.id, m.quantity INTO v_month_id, v_before FROM iap_usage_month m
     WHERE m.account_id = p_account_id AND m.metric = v_metric AND m.month = v_month AND m.deleted_at IS NULL;
  END IF;

  -- A graduated rate (tiers): priced here, by the month's quantity read under the lock, as
  -- utils/pricing.ts priceWithRate does (each part of (before, before + quantity] at its tier's
  -- unit credits, rounded up to 0.0001 credit, or to a whole credit for integer_credits).
  IF p_tier_units IS NOT NULL THEN
    v_before := coalesce(v_before, 0);
    FOR v_t IN 1 .. cardinality(p_tier_units) LOOP
      v_from := greatest(v_before, v_lower);
      v_to := CASE WHEN p_tier_up_to[v_t] IS NULL THEN v_before + p_quantity ELSE least(v_before + p_quantity, p_tier_up_to[v_t]) END;
      IF v_to > v_from THEN v_exact := v_exact + (v_to - v_from) * p_tier_units[v_t]; END IF;
      EXIT WHEN p_tier_up_to[v_t] IS NULL;
      v_lower := p_tier_up_to[v_t];
    END LOOP;
    p_amount := CASE WHEN v_acc.integer_credits THEN ceil(v_exact) ELSE ceil(v_exact * 10000) / 10000 END;
    IF p_amount > 1000000000000 THEN RETURN NULL; END IF;
  END IF;
  v_left := p_amount;

  IF v_acc.state <> 'active' OR v_acc.service_status <> 'active'
     OR (v_acc.integer_credits AND p_amount <> trunc(p_amount))
     OR p_amount > v_acc.balance - v_acc.reserved + v_acc.overdraft_limit THEN
    RETURN NULL;
  END IF;

  -- Rule 3's order (utils/draw-down.ts), at its millisecond precision: soonest expiry first,
  -- never-expiring last, promotional before paid, oldest first.
  FOR v_lot IN
    SELECT l.id, l.remaining - l.reserved AS free, l.expires_at
      FROM iap_credit_lot l
     WHERE l.account_id = p_account_id AND l.status = 'available' AND l.remaining > 0 AND l.deleted_at IS NULL
     ORDER BY date_trunc('milliseconds', l.expires_at) NULLS LAST, (l.category = 'promotional') DESC,
              date_trunc('milliseconds', l.created_at), l.id
  LOOP
    IF v_lot.expires_at IS NOT NULL AND v_lot.expires_at <= v_now THEN RETURN NULL; END IF;
    EXIT WHEN v_left = 0;
    CONTINUE WHEN v_lot.free <= 0;
    v_take := least(v_lot.free, v_left);
    v_lot_ids := v_lot_ids || v_lot.id;
    v_takes := v_takes || v_take;
    v_left := v_left - v_take;
  END LOOP;
  IF cardinality(v_lot_ids) > cardinality(p_movement_ids) THEN RETURN NULL; END IF;

  v_balance := v_acc.balance - p_amount;
  v_debt := v_acc.debt + v_left;
  v_armed := v_acc.warning_armed;
  IF v_acc.warning_threshold IS NOT NULL THEN
    IF v_armed AND v_balance - v_acc.reserved + v_acc.overdraft_limit < v_acc.warning_threshold THEN
      v_armed := false;
      v_reached := true;
    ELSIF NOT v_armed AND v_balance - v_acc.reserved + v_acc.overdraft_limit >= v_acc.warning_threshold THEN
      v_armed := true;
    END IF;
  END IF;

  -- One UPDATE per lot, by primary key: its plan is cached; a join on unnest() was planned again on every call.
  FOR v_i IN 1 .. cardinality(v_lot_ids) LOOP
    UPDATE iap_credit_lot l
       SET remaining = trim_scale(l.remaining - v_takes[v_i]), raw_remaining = iap_raw_amount(l.remaining - v_takes[v_i]), updated_at = v_now
     WHERE l.id = v_lot_ids[v_i];
  END LOOP;

  INSERT INTO iap_transaction (id, account_id, type, amount, raw_amount, balance_after, raw_balance_after, hold_id,
    reference_type, reference_id, idempotency_key, request_hash, description, actor_type, actor_id, usage, rate_id,
    rate_version, created_at, updated_at)
  VALUES (p_tx_id, p_account_id, 'debit', trim_scale(-p_amount), iap_raw_amount(-p_amount), trim_scale(v_balance),
    iap_raw_amount(v_balance), NULL, p_reference_type, p_reference_id, p_key, p_hash, p_description, p_actor_type,
    p_actor_id, p_usage, p_rate_id, p_rate_version, v_now, v_now);

  -- The counter found above is updated by primary key; only the month's first usage (or a
  -- counter gone since) takes the upsert, which costs Postgres more, most inside a grouped statement.
  IF v_month_id IS NOT NULL THEN
    UPDATE iap_usage_month m
       SET quantity = trim_scale(m.quantity + p_quantity), raw_quantity = iap_raw_amount(m.quantity + p_quantity), updated_at = v_now
     WHERE m.id = v_month_id AND m.deleted_at IS NULL;
    IF NOT FOUND THEN v_month_id := NULL; END IF;
  END IF;
  IF p_usage IS NOT NULL AND v_month_id IS NULL THEN
    INSERT INTO iap_usage_month AS m (id, account_id, metric, month, quantity, raw_quantity, created_at, updated_at)
    VALUES (p_usage_id, p_account_id, v_metric, v_month, trim_scale(p_quantity), iap_raw_amount(p_quantity), v_now, v_now)
    ON CONFLICT (account_id, metric, month) WHERE deleted_at IS NULL
    DO UPDATE SET quantity = trim_scale(m.quantity + excluded.quantity), raw_quantity = iap_raw_amount(m.quantity + excluded.quantity),
      updated_at = excluded.updated_at;
  END IF;

  INSERT INTO iap_transaction_lot (id, transaction_id, lot_id, amount, raw_amount, created_at, updated_at)
  SELECT p_movement_ids[i], p_tx_id, v_lot_ids[i], trim_scale(-v_takes[i]), iap_raw_amount(-v_takes[i]), v_now, v_now
    FROM generate_subscripts(v_lot_ids, 1) AS i;

  UPDATE iap_account
     SET balance = trim_scale(v_balance), raw_balance = iap_raw_amount(v_balance), debt = trim_scale(v_debt),
         raw_debt = iap_raw_amount(v_debt), warning_armed = v_armed, updated_at = v_now
   WHERE id = p_account_id;

  -- The result of ledger/mutate.ts, key for key (dto.ts), also stored for replays.
  v_result := jsonb_build_object(
    'transaction', jsonb_build_object(
      'id', p_tx_id, 'account_id', p_account_id, 'type', 'debit', 'amount', trim_scale(-p_amount),
      'balance_after', trim_scale(v_balance), 'hold_id', NULL, 'reference_type', p_reference_type,
      'reference_id', p_reference_id, 'idempotency_key', p_key, 'description', p_description,
      'actor_type', p_actor_type, 'actor_id', p_actor_id, 'usage', p_usage, 'rate_id', p_rate_id,
      'rate_version', p_rate_version, 'created_at', p_now),
    'account', jsonb_build_object(
      'id', v_acc.id, 'service_id', v_acc.service_id, 'service', v_acc.technical_name, 'customer_id', v_acc.customer_id,
      'state', v_acc.state, 'balance', trim_scale(v_balance), 'reserved', trim_scale(v_acc.reserved),
      'available', trim_scale(v_balance - v_acc.reserved + v_acc.overdraft_limit), 'pending', trim_scale(v_acc.pending),
      'debt', trim_scale(v_debt), 'overdraft_limit', trim_scale(v_acc.overdraft_limit)),
    'threshold_reached', v_reached,
    'expired_lot_ids', '[]'::jsonb);

  INSERT INTO iap_operation (id, account_id, idempotency_key, operation, request_hash, result, created_at, updated_at)
  VALUES (p_op_id, p_account_id, p_key, 'debit', p_hash, v_result, v_now, v_now);

  -- Read by this last statement's own snapshot, after the writes: settings another process
  -- committed before it are seen; later ones wait for the next change, as with the trigger's read.
  RETURN v_result || jsonb_build_object('replayed', false, 'auto_recharge', EXISTS (
    SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = p_account_id AND r.enabled AND r.deleted_at IS NULL));
END
$fn$;
`
