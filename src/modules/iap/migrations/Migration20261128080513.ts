import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128080513 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "iap_usage_month" drop constraint if exists "iap_usage_month_account_id_metric_month_unique";`);
    this.addSql(`alter table if exists "iap_rate_version" drop constraint if exists "iap_rate_version_service_id_valid_from_unique";`);
    this.addSql(`alter table if exists "iap_rate_version" drop constraint if exists "iap_rate_version_service_id_version_unique";`);
    this.addSql(`create table if not exists "iap_rate_version" ("id" text not null, "service_id" text not null, "version" integer not null, "valid_from" timestamptz not null, "note" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_rate_version_pkey" primary key ("id"), constraint iap_rate_version_version_check check (version > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_rate_version_service_id" ON "iap_rate_version" ("service_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_rate_version_deleted_at" ON "iap_rate_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_rate_version_service_id_version_unique" ON "iap_rate_version" ("service_id", "version") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_rate_version_service_id_valid_from_unique" ON "iap_rate_version" ("service_id", "valid_from") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_rate" ("id" text not null, "rate_version_id" text not null, "metric" text not null, "dimensions" jsonb not null default '{}', "unit_credits" numeric null, "tiers" jsonb null, "raw_unit_credits" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_rate_pkey" primary key ("id"), constraint iap_rate_price_check check ((unit_credits IS NULL) <> (tiers IS NULL) AND (unit_credits IS NULL OR unit_credits >= 0)));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_rate_rate_version_id" ON "iap_rate" ("rate_version_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_rate_deleted_at" ON "iap_rate" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_rate_rate_version_id_metric" ON "iap_rate" ("rate_version_id", "metric") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "iap_usage_month" ("id" text not null, "account_id" text not null, "metric" text not null, "month" text not null, "quantity" numeric not null, "raw_quantity" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_usage_month_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_usage_month_deleted_at" ON "iap_usage_month" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_usage_month_account_id_metric_month_unique" ON "iap_usage_month" ("account_id", "metric", "month") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "iap_rate_version" add constraint "iap_rate_version_service_id_foreign" foreign key ("service_id") references "iap_service" ("id") on update cascade;`);

    this.addSql(`alter table if exists "iap_rate" add constraint "iap_rate_rate_version_id_foreign" foreign key ("rate_version_id") references "iap_rate_version" ("id") on update cascade;`);

    this.addSql(`alter table if exists "iap_service" add column if not exists "rate_revision" integer not null default 0;`);

    this.addSql(`alter table if exists "iap_hold" add column if not exists "usage" jsonb null, add column if not exists "rate_id" text null, add column if not exists "rate_version" integer null;`);

    this.addSql(`alter table if exists "iap_transaction" add column if not exists "usage" jsonb null, add column if not exists "rate_id" text null, add column if not exists "rate_version" integer null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "iap_rate" drop constraint if exists "iap_rate_rate_version_id_foreign";`);

    this.addSql(`drop table if exists "iap_rate_version" cascade;`);

    this.addSql(`drop table if exists "iap_rate" cascade;`);

    this.addSql(`drop table if exists "iap_usage_month" cascade;`);

    this.addSql(`alter table if exists "iap_service" drop column if exists "rate_revision";`);

    this.addSql(`alter table if exists "iap_hold" drop column if exists "usage", drop column if exists "rate_id", drop column if exists "rate_version";`);

    this.addSql(`alter table if exists "iap_transaction" drop column if exists "usage", drop column if exists "rate_id", drop column if exists "rate_version";`);
  }

}
