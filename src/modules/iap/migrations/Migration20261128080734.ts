import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128080734 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "iap_recharge" drop constraint if exists "iap_recharge_retry_of_unique";`);
    this.addSql(`alter table if exists "iap_auto_recharge" drop constraint if exists "iap_auto_recharge_account_id_unique";`);
    this.addSql(`create table if not exists "iap_auto_recharge" ("id" text not null, "account_id" text not null, "enabled" boolean not null default true, "pack_id" text not null, "variant_id" text not null, "quantity" integer not null default 1, "trigger" numeric not null, "monthly_count_cap" integer null, "monthly_amount_cap" numeric null, "region_id" text not null, "currency_code" text not null, "sales_channel_id" text null, "provider_id" text not null, "account_holder_id" text not null, "payment_method_id" text not null, "armed" boolean not null default true, "disabled_reason" text null, "metadata" jsonb null, "raw_trigger" jsonb not null, "raw_monthly_amount_cap" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_auto_recharge_pkey" primary key ("id"), constraint iap_auto_recharge_quantity_check check (quantity > 0), constraint iap_auto_recharge_trigger_check check (trigger > 0), constraint iap_auto_recharge_count_cap_check check (monthly_count_cap IS NULL OR monthly_count_cap > 0), constraint iap_auto_recharge_amount_cap_check check (monthly_amount_cap IS NULL OR monthly_amount_cap > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_auto_recharge_deleted_at" ON "iap_auto_recharge" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_auto_recharge_account_id_unique" ON "iap_auto_recharge" ("account_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_recharge" ("id" text not null, "account_id" text not null, "status" text check ("status" in ('pending', 'processing', 'succeeded', 'failed', 'requires_action', 'capped', 'canceled')) not null default 'pending', "attempt" integer not null default 1, "retry_of" text null, "pack_id" text not null, "variant_id" text not null, "quantity" integer not null, "credits" numeric not null, "amount" numeric null, "currency_code" text not null, "provider_id" text not null, "payment_method_id" text not null, "cart_id" text null, "order_id" text null, "payment_id" text null, "error_code" text null, "error" text null, "next_attempt_at" timestamptz null, "claimed_until" timestamptz null, "completed_at" timestamptz null, "raw_credits" jsonb not null, "raw_amount" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_recharge_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_recharge_deleted_at" ON "iap_recharge" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_recharge_one_in_flight" ON "iap_recharge" ("account_id") WHERE status IN ('pending', 'processing') AND deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_recharge_retry_of_unique" ON "iap_recharge" ("retry_of") WHERE retry_of IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_recharge_account_id_created_at" ON "iap_recharge" ("account_id", "created_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_recharge_next_attempt_at" ON "iap_recharge" ("next_attempt_at") WHERE status = 'failed' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "iap_auto_recharge" cascade;`);

    this.addSql(`drop table if exists "iap_recharge" cascade;`);
  }

}
