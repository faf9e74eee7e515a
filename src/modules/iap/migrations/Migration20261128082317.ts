import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128082317 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "iap_clawback" drop constraint if exists "iap_clawback_account_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "iap_clawback" ("id" text not null, "account_id" text not null, "lot_id" text not null, "transaction_id" text not null, "order_id" text null, "line_item_id" text null, "reference_type" text not null, "reference_id" text not null, "idempotency_key" text not null, "policy" text check ("policy" in ('clamp', 'debt')) not null, "requested" numeric not null, "clawed" numeric not null, "debt" numeric not null, "shortfall" numeric not null, "voided_pending" boolean not null default false, "raw_requested" jsonb not null, "raw_clawed" jsonb not null, "raw_debt" jsonb not null, "raw_shortfall" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_clawback_pkey" primary key ("id"), constraint iap_clawback_amounts_check check (requested >= 0 AND clawed >= 0 AND debt >= 0 AND shortfall >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_clawback_deleted_at" ON "iap_clawback" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_clawback_account_id_idempotency_key_unique" ON "iap_clawback" ("account_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_clawback_lot_id" ON "iap_clawback" ("lot_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_clawback_transaction_id" ON "iap_clawback" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_clawback_order_id" ON "iap_clawback" ("order_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "iap_transaction" drop constraint if exists "iap_transaction_type_check";`);

    this.addSql(`alter table if exists "iap_transaction" add constraint "iap_transaction_type_check" check("type" in ('grant', 'purchase', 'debit', 'capture', 'expiry', 'void', 'adjustment', 'reversal', 'clawback'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "iap_clawback" cascade;`);

    this.addSql(`alter table if exists "iap_transaction" drop constraint if exists "iap_transaction_type_check";`);

    this.addSql(`alter table if exists "iap_transaction" add constraint "iap_transaction_type_check" check("type" in ('grant', 'purchase', 'debit', 'capture', 'expiry', 'void', 'adjustment', 'reversal'));`);
  }

}
