import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_AUTHORIZE_V1 } from "../ledger/sql/iap-authorize.v1";
import { IAP_AUTHORIZE_V2 } from "../ledger/sql/iap-authorize.v2";
import { IAP_CAPTURE_V1 } from "../ledger/sql/iap-capture.v1";
import { IAP_CAPTURE_V2 } from "../ledger/sql/iap-capture.v2";

/**
 * `iap_authorize` and `iap_capture` version 2 (ledger/sql/iap-authorize.v2.ts, iap-capture.v2.ts):
 * their results also say whether the account has auto-recharge settings on, as `iap_debit` v4's
 * do, so the trigger after a hold event skips its read for the accounts without. Same signatures
 * as version 1: they replace it, and rolling back restores it.
 */
export class Migration20261128140000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_AUTHORIZE_V2);
    this.addSql(IAP_CAPTURE_V2);
  }

  override async down(): Promise<void> {
    this.addSql(IAP_AUTHORIZE_V1);
    this.addSql(IAP_CAPTURE_V1);
  }

}
