import { createHash } from "crypto"
import { IAP_DEBIT_V1 } from "../ledger/sql/iap-debit.v1"
import { IAP_DEBIT_V2 } from "../ledger/sql/iap-debit.v2"
import { IAP_DEBIT_V3 } from "../ledger/sql/iap-debit.v3"
import { IAP_DEBIT_V4 } from "../ledger/sql/iap-debit.v4"
import { IAP_DEBIT_V5 } from "../ledger/sql/iap-debit.v5"
import { IAP_DEBIT_V6 } from "../ledger/sql/iap-debit.v6"
import { IAP_AUTHORIZE_V1 } from "../ledger/sql/iap-authorize.v1"
import { IAP_AUTHORIZE_V2 } from "../ledger/sql/iap-authorize.v2"
import { IAP_CAPTURE_V1 } from "../ledger/sql/iap-capture.v1"
import { IAP_CAPTURE_V2 } from "../ledger/sql/iap-capture.v2"
import { IAP_RAW_AMOUNT_V1 } from "../ledger/sql/iap-raw-amount.v1"
import { Migration20261126110000 } from "../migrations/Migration20261126110000"
import { Migration20261128090000 } from "../migrations/Migration20261128090000"
import { Migration20261128130000 } from "../migrations/Migration20261128130000"
import { Migration20261128140000 } from "../migrations/Migration20261128140000"
import { Migration20261128200000 } from "../migrations/Migration20261128200000"

/**
 * SQL in ledger/sql/ is frozen once a migration has run it: databases already hold that text, so
 * a change is a new `<name>.vN+1.ts` and a new migration. The hashes are those of the SQL the
 * migrations inlined when they landed (the text is byte-identical since it moved here).
 */
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex")

const PINNED: [string, string, number, string][] = [
  ["iap-raw-amount.v1", IAP_RAW_AMOUNT_V1, 178, "13532acec9c78b2acfb092613d80bdedb20e6abc60c010c00f5c68e03eb03e05"],
  ["iap-debit.v1", IAP_DEBIT_V1, 5726, "68ee8b5836ac7bbeb63f4aab563bd179c0b19eeb55f8a9c7abd0cf56f7cdf556"],
  ["iap-debit.v2", IAP_DEBIT_V2, 6940, "96d6144cbc1108d886e832c0e1943908b4c0f092014350a172658d61da2e3a47"],
  ["iap-debit.v3", IAP_DEBIT_V3, 8292, "ee7ea91ab4a4ad5f5c060f9326c04d0c7cb86523f8f1c19bedc5c42f3fc8076c"],
  ["iap-debit.v4", IAP_DEBIT_V4, 8784, "a86110208bfda26d70d95aa5853127d4e6d14697265257ce7e6b2883f3eebc62"],
  ["iap-authorize.v1", IAP_AUTHORIZE_V1, 5802, "beaeb7d02735c06a2227f005326bccc7bb3dd1edb0797b21db58423549af1c07"],
  ["iap-capture.v1", IAP_CAPTURE_V1, 8079, "10da34c51513f42ec09fb10712f61d7164fc2c74d78d3ae6d9db0162e9fe3e65"],
]

/** The statements a migration's `up()` (or `down()`) adds, without a database. */
async function upStatements(MigrationClass: { prototype: object }, step: "up" | "down" = "up"): Promise<string[]> {
  const statements: string[] = []
  const migration = Object.create(MigrationClass.prototype)
  migration.addSql = (sql: string) => statements.push(sql)
  await migration[step]()
  return statements
}

/**
 * The lot UPDATE each function had (one statement joined on `unnest()`) and the per-lot loop that
 * replaced it in Migration20261128140000, so a test can turn the new version back into the old.
 */
const PER_LOT: Record<"debit" | "authorize" | "capture", [string, string]> = {
  debit: [
    "  UPDATE iap_credit_lot l\n     SET remaining = trim_scale(l.remaining - d.take), raw_remaining = iap_raw_amount(l.remaining - d.take), updated_at = v_now\n    FROM unnest(v_lot_ids, v_takes) AS d(id, take)\n   WHERE l.id = d.id;\n",
    "  -- One UPDATE per lot, by primary key: its plan is cached; a join on unnest() was planned again on every call.\n  FOR v_i IN 1 .. cardinality(v_lot_ids) LOOP\n    UPDATE iap_credit_lot l\n       SET remaining = trim_scale(l.remaining - v_takes[v_i]), raw_remaining = iap_raw_amount(l.remaining - v_takes[v_i]), updated_at = v_now\n     WHERE l.id = v_lot_ids[v_i];\n  END LOOP;\n",
  ],
  authorize: [
    "  UPDATE iap_credit_lot l\n     SET reserved = trim_scale(l.reserved + d.take), raw_reserved = iap_raw_amount(l.reserved + d.take), updated_at = v_now\n    FROM unnest(v_lot_ids, v_takes) AS d(id, take)\n   WHERE l.id = d.id;\n",
    "  -- One UPDATE per lot, by primary key: its plan is cached; a join on unnest() was planned again on every call.\n  FOR v_i IN 1 .. cardinality(v_lot_ids) LOOP\n    UPDATE iap_credit_lot l\n       SET reserved = trim_scale(l.reserved + v_takes[v_i]), raw_reserved = iap_raw_amount(l.reserved + v_takes[v_i]), updated_at = v_now\n     WHERE l.id = v_lot_ids[v_i];\n  END LOOP;\n",
  ],
  capture: [
    "  UPDATE iap_credit_lot l\n     SET remaining = trim_scale(l.remaining - d.take), raw_remaining = iap_raw_amount(l.remaining - d.take),\n         reserved = trim_scale(l.reserved - d.reserved), raw_reserved = iap_raw_amount(l.reserved - d.reserved), updated_at = v_now\n    FROM unnest(v_lot_ids, v_takes, v_reserved_takes) AS d(id, take, reserved)\n   WHERE l.id = d.id;\n",
    "  -- One UPDATE per lot, by primary key: its plan is cached; a join on unnest() was planned again on every call.\n  FOR v_i IN 1 .. cardinality(v_lot_ids) LOOP\n    UPDATE iap_credit_lot l\n       SET remaining = trim_scale(l.remaining - v_takes[v_i]), raw_remaining = iap_raw_amount(l.remaining - v_takes[v_i]),\n           reserved = trim_scale(l.reserved - v_reserved_takes[v_i]), raw_reserved = iap_raw_amount(l.reserved - v_reserved_takes[v_i]),\n           updated_at = v_now\n     WHERE l.id = v_lot_ids[v_i];\n  END LOOP;\n",
  ],
}

/** iap_capture v1's reads of the hold (before and under the lock) and what v2 does instead. */
const CAPTURE_V2_HOLD_READ: [string, string][] = [
["  SELECT h.account_id INTO v_account_id FROM iap_hold h WHERE h.id = p_hold_id AND h.deleted_at IS NULL;\n  IF NOT FOUND OR (p_account_id IS NOT NULL AND v_account_id <> p_account_id) THEN RETURN NULL; END IF;\n", "  -- The account the caller addresses is locked at once; without one, the hold's.\n  IF p_account_id IS NOT NULL THEN\n    v_account_id := p_account_id;\n  ELSE\n    SELECT h.account_id INTO v_account_id FROM iap_hold h WHERE h.id = p_hold_id AND h.deleted_at IS NULL;\n    IF NOT FOUND THEN RETURN NULL; END IF;\n  END IF;\n"],
["  -- Read again under the lock: the hold may have been resolved since the first read.\n  SELECT h.id, h.amount, h.status, h.expires_at, h.description, h.idempotency_key, h.reference_type, h.reference_id,\n         h.usage, h.created_at\n    INTO v_hold\n    FROM iap_hold h WHERE h.id = p_hold_id;\n  IF v_hold.status", "  -- Read under the lock (it may have been resolved since any earlier read): the locked account's, or NULL.\n  SELECT h.id, h.account_id, h.amount, h.status, h.expires_at, h.description, h.idempotency_key, h.reference_type, h.reference_id,\n         h.usage, h.created_at\n    INTO v_hold\n    FROM iap_hold h WHERE h.id = p_hold_id AND h.deleted_at IS NULL;\n  IF NOT FOUND OR v_hold.account_id <> v_account_id THEN RETURN NULL; END IF;\n  IF v_hold.status"],
]

/** A newer version with its per-lot UPDATE loop (and its `v_i`) as the join it replaced. */
function withJoinedUpdate(sql: string, kind: keyof typeof PER_LOT): string {
  const [joined, perLot] = PER_LOT[kind]
  return sql.replace(perLot, joined).replace("\n  v_i integer;\n", "\n")
}

/** A version 2 of iap_authorize / iap_capture with its two RETURNs of a result as version 1's (without `auto_recharge`). */
function withoutFlag(sql: string, account: string): string {
  const flag = (replayed: boolean, indent: string) => `jsonb_build_object('replayed', ${replayed}, 'auto_recharge', EXISTS (\n` +
    `${indent}SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = ${account} AND r.enabled AND r.deleted_at IS NULL));`
  return sql
    .replace(flag(true, "        "), `'{"replayed": true}'::jsonb;`)
    .replace(/\n *-- Read by this last statement[^\n]*\n/, "\n")
    .replace(flag(false, "    "), `'{"replayed": false}'::jsonb;`)
}

describe("ledger/sql: frozen SQL", () => {
  it.each(PINNED)("%s is the text that landed (length and SHA-256)", (_name, sql, length, hash) => {
    expect(sql).toHaveLength(length)
    expect(sha256(sql)).toBe(hash)
  })

  it("Migration20261126110000 runs iap_raw_amount v1 and iap_debit v1 from ledger/sql", async () => {
    const statements = await upStatements(Migration20261126110000)
    expect(statements).toHaveLength(3)
    expect(statements[0]).toBe(`DROP INDEX IF EXISTS "IDX_iap_credit_lot_drawable";`)
    expect(statements[1]).toBe(IAP_RAW_AMOUNT_V1)
    expect(statements[2]).toBe(IAP_DEBIT_V1)
  })

  it("Migration20261128090000 drops v1's signature and runs iap_debit v2 from ledger/sql", async () => {
    const statements = await upStatements(Migration20261128090000)
    expect(statements).toEqual([
      "DROP FUNCTION IF EXISTS iap_debit(text, text, text, numeric, text, text, text, text, text, text, text, text, text[]);",
      IAP_DEBIT_V2,
    ])
  })

  it("Migration20261128130000 replaces iap_debit v3 by v4 (same signature) and restores v3 on the way down", async () => {
    expect(await upStatements(Migration20261128130000)).toEqual([IAP_DEBIT_V4])
    const down: string[] = []
    const migration = Object.create(Migration20261128130000.prototype)
    migration.addSql = (sql: string) => down.push(sql)
    await migration.down()
    expect(down).toEqual([IAP_DEBIT_V3])
    // v4 is v3 with its two RETURNs of a result also answering `auto_recharge`.
    const flag = "jsonb_build_object('replayed', %s, 'auto_recharge', EXISTS (\n" +
      "SELECT 1 FROM iap_auto_recharge r WHERE r.account_id = p_account_id AND r.enabled AND r.deleted_at IS NULL));"
    const asV3 = IAP_DEBIT_V4.replace(/\n *-- Read by[^\n]*\n[^\n]*\n/, "\n").replace(/\n +SELECT 1 FROM iap_auto_recharge/g, "\nSELECT 1 FROM iap_auto_recharge")
      .replace(flag.replace("%s", "true"), `'{"replayed": true}'::jsonb;`)
      .replace(flag.replace("%s", "false"), `'{"replayed": false}'::jsonb;`)
    expect(asV3).toBe(IAP_DEBIT_V3)
  })

  it("Migration20261128140000 replaces iap_debit v4 by v5, iap_authorize and iap_capture v1 by v2, and restores them on the way down", async () => {
    expect(await upStatements(Migration20261128140000)).toEqual([IAP_DEBIT_V5, IAP_AUTHORIZE_V2, IAP_CAPTURE_V2])
    expect(await upStatements(Migration20261128140000, "down")).toEqual([IAP_DEBIT_V4, IAP_AUTHORIZE_V1, IAP_CAPTURE_V1])
    // v5 is v4 with its lot UPDATE per lot; authorize and capture v2 are v1 with that change and
    // their two RETURNs of a result also answering `auto_recharge`.
    for (const [kind, sql] of [["debit", IAP_DEBIT_V5], ["authorize", IAP_AUTHORIZE_V2], ["capture", IAP_CAPTURE_V2]] as const) {
      expect(sql).toContain(PER_LOT[kind][1])
    }
    expect(withJoinedUpdate(IAP_DEBIT_V5, "debit")).toBe(IAP_DEBIT_V4)
    expect(withoutFlag(withJoinedUpdate(IAP_AUTHORIZE_V2, "authorize"), "p_account_id")).toBe(IAP_AUTHORIZE_V1)
    // capture v2 also locks the addressed account before reading the hold (under the lock).
    const capturedFirstRead = CAPTURE_V2_HOLD_READ.reduce((sql, [v1, v2]) => sql.replace(v2, v1), IAP_CAPTURE_V2)
    expect(withoutFlag(withJoinedUpdate(capturedFirstRead, "capture"), "v_account_id")).toBe(IAP_CAPTURE_V1)
  })

  it("Migration20261128200000 replaces iap_debit v5 by v6 (same signature) and restores v5 on the way down", async () => {
    expect(await upStatements(Migration20261128200000)).toEqual([IAP_DEBIT_V6])
    expect(await upStatements(Migration20261128200000, "down")).toEqual([IAP_DEBIT_V5])
    // v6 is v5 with the month's counter read once (for the tiers and the write) and updated by id.
    const signature = (sql: string) => sql.slice(sql.indexOf("CREATE OR REPLACE"), sql.indexOf("RETURNS jsonb"))
    expect(signature(IAP_DEBIT_V6)).toBe(signature(IAP_DEBIT_V5))
    expect(IAP_DEBIT_V6).toContain("SELECT m.id, m.quantity INTO v_month_id, v_before FROM iap_usage_month m")
    expect(IAP_DEBIT_V6).toContain("WHERE m.id = v_month_id AND m.deleted_at IS NULL;")
    expect(IAP_DEBIT_V6.split("ON CONFLICT (account_id, metric, month)").length).toBe(2)
    expect(IAP_DEBIT_V6).not.toContain("SELECT m.quantity INTO v_before")
  })
})
