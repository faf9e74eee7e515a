import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261126070928 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "iap_credit_pack" ("id" text not null, "service_id" text not null, "credits" numeric not null, "expires_after_days" integer null, "category" text check ("category" in ('paid', 'promotional')) not null default 'paid', "metadata" jsonb null, "raw_credits" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_credit_pack_pkey" primary key ("id"), constraint iap_credit_pack_credits_check check (credits > 0), constraint iap_credit_pack_expires_after_days_check check (expires_after_days IS NULL OR expires_after_days > 0));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_pack_service_id" ON "iap_credit_pack" ("service_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_pack_deleted_at" ON "iap_credit_pack" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "iap_credit_pack" add constraint "iap_credit_pack_service_id_foreign" foreign key ("service_id") references "iap_service" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "iap_credit_pack" cascade;`);
  }

}
