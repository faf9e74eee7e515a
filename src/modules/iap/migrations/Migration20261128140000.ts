import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_AUTHORIZE_V1 } from "../ledger/sql/iap-authorize.v1";
import { IAP_AUTHORIZE_V2 } from "../ledger/sql/iap-authorize.v2";
import { IAP_CAPTURE_V1 } from "../ledger/sql/iap-capture.v1";
import { IAP_CAPTURE_V2 } from "../ledger/sql/iap-capture.v2";
import { IAP_DEBIT_V4 } from "../ledger/sql/iap-debit.v4";
import { IAP_DEBIT_V5 } from "../ledger/sql/iap-debit.v5";

/**
 * `iap_debit` version 5, `iap_authorize` and `iap_capture` version 2 (ledger/sql/): each lot is
 * updated by its own statement by primary key, whose plan Postgres keeps, instead of a join on
 * `unnest()` planned again on every call; and authorize and capture also answer whether the
 * account has auto-recharge settings on, as `iap_debit` v4 does, so the trigger after a hold
 * event skips its read for the accounts without. Same signatures: they replace the versions
 * before, and rolling back restores those.
 */
export class Migration20261128140000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_DEBIT_V5);
    this.addSql(IAP_AUTHORIZE_V2);
    this.addSql(IAP_CAPTURE_V2);
  }

  override async down(): Promise<void> {
    this.addSql(IAP_DEBIT_V4);
    this.addSql(IAP_AUTHORIZE_V1);
    this.addSql(IAP_CAPTURE_V1);
  }

}
