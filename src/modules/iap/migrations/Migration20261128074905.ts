import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261128074905 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "iap_account_token" drop constraint if exists "iap_account_token_token_hash_unique";`);
    this.addSql(`create table if not exists "iap_account_token" ("id" text not null, "account_id" text not null, "token_hash" text not null, "token_hint" text not null, "dbuuid" text not null, "sales_channel_id" text null, "revoked_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "iap_account_token_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_account_token_account_id" ON "iap_account_token" ("account_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_account_token_deleted_at" ON "iap_account_token" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_iap_account_token_token_hash_unique" ON "iap_account_token" ("token_hash") WHERE revoked_at IS NULL AND deleted_at IS NULL;`);

    this.addSql(`alter table if exists "iap_account_token" add constraint "iap_account_token_account_id_foreign" foreign key ("account_id") references "iap_account" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "iap_account_token" cascade;`);
  }

}
