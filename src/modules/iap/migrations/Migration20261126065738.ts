import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126065738 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "iap_transaction" drop constraint if exists "iap_transaction_account_id_idempotency_key_unique";`);
    this.addSql(`alter table if exists "iap_credit_lot" drop constraint if exists "iap_credit_lot_source_type_source_id_unique";`);
    this.addSql(`alter table if exists "iap_hold" drop constraint if exists "iap_hold_account_id_idempotency_key_unique";`);
    this.addSql(`alter table if exists "iap_account" drop constraint if exists "iap_account_token_hash_unique";`);
    this.addSql(`alter table if exists "iap_service" drop constraint if exists "iap_service_key_hash_unique";`);
    this.addSql(`alter table if exists "iap_service" drop constraint if exists "iap_service_technical_name_unique";`);
    this.addSql(`alter table if exists "iap_operation" drop constraint if exists "iap_operation_account_id_idempotency_key_unique";`);
    this.addSql(`create table if not exists "iap_operation" ("id" text not null, "account_id" text not null, "idempotency_key" text not null, "operation" text not null, "request_hash" text not null, "result" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_operation_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_operation_deleted_at" ON "iap_operation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_operation_account_id_idempotency_key_unique" ON "iap_operation" ("account_id", "idempotency_key") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_service" ("id" text not null, "technical_name" text not null, "name" text not null, "description" text null, "unit_name" text not null default 'credits', "integer_credits" boolean not null default false, "trial_credits" numeric not null default 0, "default_warning_threshold" numeric null, "provider_type" text check ("provider_type" in ('first_party', 'third_party')) not null default 'first_party', "status" text check ("status" in ('active', 'archived')) not null default 'active', "key_hash" text null, "key_hint" text null, "hold_ttl_seconds" integer null, "metadata" jsonb null, "raw_trial_credits" jsonb not null default '{"value":"0","precision":20}', "raw_default_warning_threshold" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_service_pkey" primary key ("id"), constraint iap_service_trial_credits_check check (trial_credits >= 0), constraint iap_service_hold_ttl_check check (hold_ttl_seconds IS NULL OR (hold_ttl_seconds > 0 AND hold_ttl_seconds <= 15552000)));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_service_deleted_at" ON "iap_service" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_service_technical_name_unique" ON "iap_service" ("technical_name") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_service_key_hash_unique" ON "iap_service" ("key_hash") WHERE key_hash IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_account" ("id" text not null, "service_id" text not null, "customer_id" text null, "sales_channel_ids" text[] not null default '{}', "token_hash" text not null, "token_hint" text not null, "balance" numeric not null default 0, "reserved" numeric not null default 0, "pending" numeric not null default 0, "debt" numeric not null default 0, "overdraft_limit" numeric not null default 0, "state" text check ("state" in ('active', 'suspended', 'closed')) not null default 'active', "warning_threshold" numeric null, "warning_emails" text[] not null default '{}', "warning_armed" boolean not null default true, "metadata" jsonb null, "raw_balance" jsonb not null default '{"value":"0","precision":20}', "raw_reserved" jsonb not null default '{"value":"0","precision":20}', "raw_pending" jsonb not null default '{"value":"0","precision":20}', "raw_debt" jsonb not null default '{"value":"0","precision":20}', "raw_overdraft_limit" jsonb not null default '{"value":"0","precision":20}', "raw_warning_threshold" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_account_pkey" primary key ("id"), constraint iap_account_reserved_check check (reserved >= 0), constraint iap_account_pending_check check (pending >= 0), constraint iap_account_debt_check check (debt >= 0), constraint iap_account_overdraft_check check (overdraft_limit >= 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_account_service_id" ON "iap_account" ("service_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_account_deleted_at" ON "iap_account" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_account_customer_id" ON "iap_account" ("customer_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_account_token_hash_unique" ON "iap_account" ("token_hash") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_hold" ("id" text not null, "account_id" text not null, "amount" numeric not null, "captured_amount" numeric not null default 0, "status" text check ("status" in ('pending', 'captured', 'canceled', 'expired')) not null default 'pending', "expires_at" timestamptz not null, "resolved_at" timestamptz null, "description" text null, "idempotency_key" text not null, "reference_type" text null, "reference_id" text null, "raw_amount" jsonb not null, "raw_captured_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_hold_pkey" primary key ("id"), constraint iap_hold_amount_check check (amount > 0), constraint iap_hold_captured_check check (captured_amount >= 0 AND captured_amount <= amount));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_hold_account_id" ON "iap_hold" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_hold_deleted_at" ON "iap_hold" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_hold_account_id_idempotency_key_unique" ON "iap_hold" ("account_id", "idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_hold_expires_at" ON "iap_hold" ("expires_at") WHERE status = 'pending' AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_hold_allocation" ("id" text not null, "hold_id" text not null, "lot_id" text not null, "amount" numeric not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_hold_allocation_pkey" primary key ("id"), constraint iap_hold_allocation_amount_check check (amount > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_hold_allocation_hold_id" ON "iap_hold_allocation" ("hold_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_hold_allocation_deleted_at" ON "iap_hold_allocation" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_hold_allocation_lot_id" ON "iap_hold_allocation" ("lot_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_credit_lot" ("id" text not null, "account_id" text not null, "source_type" text check ("source_type" in ('purchase', 'trial', 'grant', 'refund')) not null, "source_id" text null, "category" text check ("category" in ('paid', 'promotional')) not null, "initial_amount" numeric not null, "remaining" numeric not null, "reserved" numeric not null default 0, "status" text check ("status" in ('pending', 'available', 'expired', 'voided')) not null, "expires_at" timestamptz null, "unit_price" numeric null, "currency_code" text null, "metadata" jsonb null, "raw_initial_amount" jsonb not null, "raw_remaining" jsonb not null, "raw_reserved" jsonb not null default '{"value":"0","precision":20}', "raw_unit_price" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_credit_lot_pkey" primary key ("id"), constraint iap_credit_lot_remaining_check check (remaining >= 0), constraint iap_credit_lot_reserved_check check (reserved >= 0 AND reserved <= remaining), constraint iap_credit_lot_initial_check check (initial_amount > 0 AND remaining <= initial_amount));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_lot_account_id" ON "iap_credit_lot" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_lot_deleted_at" ON "iap_credit_lot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_lot_account_id_status" ON "iap_credit_lot" ("account_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_credit_lot_source_type_source_id_unique" ON "iap_credit_lot" ("source_type", "source_id") WHERE source_type IN ('purchase', 'trial') AND source_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_lot_expires_at" ON "iap_credit_lot" ("expires_at") WHERE status = 'available' AND expires_at IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_transaction" ("id" text not null, "seq" serial, "account_id" text not null, "type" text check ("type" in ('grant', 'purchase', 'debit', 'capture', 'expiry', 'void', 'adjustment', 'reversal')) not null, "amount" numeric not null, "balance_after" numeric not null, "hold_id" text null, "reference_type" text null, "reference_id" text null, "idempotency_key" text null, "request_hash" text null, "description" text null, "actor_type" text null, "actor_id" text null, "raw_amount" jsonb not null, "raw_balance_after" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_transaction_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_account_id" ON "iap_transaction" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_hold_id" ON "iap_transaction" ("hold_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_deleted_at" ON "iap_transaction" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_account_id_created_at" ON "iap_transaction" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_transaction_account_id_idempotency_key_unique" ON "iap_transaction" ("account_id", "idempotency_key") WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_reference_type_reference_id" ON "iap_transaction" ("reference_type", "reference_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_transaction_lot" ("id" text not null, "transaction_id" text not null, "lot_id" text not null, "amount" numeric not null, "raw_amount" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_transaction_lot_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_lot_transaction_id" ON "iap_transaction_lot" ("transaction_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_lot_deleted_at" ON "iap_transaction_lot" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_transaction_lot_lot_id" ON "iap_transaction_lot" ("lot_id") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "iap_account" add constraint "iap_account_service_id_foreign" foreign key ("service_id") references "iap_service" ("id") on update cascade;`);

    this.addSql(`alter table if exists "iap_hold" add constraint "iap_hold_account_id_foreign" foreign key ("account_id") references "iap_account" ("id") on update cascade;`);

    this.addSql(`alter table if exists "iap_hold_allocation" add constraint "iap_hold_allocation_hold_id_foreign" foreign key ("hold_id") references "iap_hold" ("id") on update cascade;`);

    this.addSql(`alter table if exists "iap_credit_lot" add constraint "iap_credit_lot_account_id_foreign" foreign key ("account_id") references "iap_account" ("id") on update cascade;`);

    this.addSql(`alter table if exists "iap_transaction" add constraint "iap_transaction_account_id_foreign" foreign key ("account_id") references "iap_account" ("id") on update cascade;`);
    this.addSql(`alter table if exists "iap_transaction" add constraint "iap_transaction_hold_id_foreign" foreign key ("hold_id") references "iap_hold" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table if exists "iap_transaction_lot" add constraint "iap_transaction_lot_transaction_id_foreign" foreign key ("transaction_id") references "iap_transaction" ("id") on update cascade;`);

    // Written by hand (DML cannot express them):
    // one unrestricted, non-closed account per service and holder (the store's customer_id is null),
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_account_unrestricted_holder" ON "iap_account" ("service_id", (COALESCE("customer_id", ''))) WHERE "sales_channel_ids" = '{}' AND "state" <> 'closed' AND "deleted_at" IS NULL;`);
    // lots a debit can draw from,
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_lot_drawable" ON "iap_credit_lot" ("account_id") WHERE "status" = 'available' AND "remaining" > 0 AND "deleted_at" IS NULL;`);
    // and a ledger that refuses UPDATE and DELETE, whoever asks.
    this.addSql(`CREATE OR REPLACE FUNCTION iap_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the IAP ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME; END $$;`);
    this.addSql(`DROP TRIGGER IF EXISTS "iap_transaction_append_only" ON "iap_transaction";`);
    this.addSql(`CREATE TRIGGER "iap_transaction_append_only" BEFORE UPDATE OR DELETE ON "iap_transaction" FOR EACH ROW EXECUTE FUNCTION iap_ledger_append_only();`);
    this.addSql(`DROP TRIGGER IF EXISTS "iap_transaction_lot_append_only" ON "iap_transaction_lot";`);
    this.addSql(`CREATE TRIGGER "iap_transaction_lot_append_only" BEFORE UPDATE OR DELETE ON "iap_transaction_lot" FOR EACH ROW EXECUTE FUNCTION iap_ledger_append_only();`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS "iap_transaction_append_only" ON "iap_transaction";`);
    this.addSql(`DROP TRIGGER IF EXISTS "iap_transaction_lot_append_only" ON "iap_transaction_lot";`);
    this.addSql(`DROP FUNCTION IF EXISTS iap_ledger_append_only();`);
    this.addSql(`alter table if exists "iap_account" drop constraint if exists "iap_account_service_id_foreign";`);

    this.addSql(`alter table if exists "iap_hold" drop constraint if exists "iap_hold_account_id_foreign";`);

    this.addSql(`alter table if exists "iap_credit_lot" drop constraint if exists "iap_credit_lot_account_id_foreign";`);

    this.addSql(`alter table if exists "iap_transaction" drop constraint if exists "iap_transaction_account_id_foreign";`);

    this.addSql(`alter table if exists "iap_hold_allocation" drop constraint if exists "iap_hold_allocation_hold_id_foreign";`);

    this.addSql(`alter table if exists "iap_transaction" drop constraint if exists "iap_transaction_hold_id_foreign";`);

    this.addSql(`alter table if exists "iap_transaction_lot" drop constraint if exists "iap_transaction_lot_transaction_id_foreign";`);

    this.addSql(`drop table if exists "iap_operation" cascade;`);

    this.addSql(`drop table if exists "iap_service" cascade;`);

    this.addSql(`drop table if exists "iap_account" cascade;`);

    this.addSql(`drop table if exists "iap_hold" cascade;`);

    this.addSql(`drop table if exists "iap_hold_allocation" cascade;`);

    this.addSql(`drop table if exists "iap_credit_lot" cascade;`);

    this.addSql(`drop table if exists "iap_transaction" cascade;`);

    this.addSql(`drop table if exists "iap_transaction_lot" cascade;`);
  }

}
