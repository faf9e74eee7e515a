import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_DEBIT_V3 } from "../ledger/sql/iap-debit.v3";
import { IAP_DEBIT_V4 } from "../ledger/sql/iap-debit.v4";

/**
 * `iap_debit` version 4 (ledger/sql/iap-debit.v4.ts): a fresh debit's result also says whether
 * the account has auto-recharge settings on, so the trigger after a charge skips its read for
 * the accounts without. Same signature as version 3: it replaces it, and rolling back restores it.
 */
export class Migration20261128130000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_DEBIT_V4);
  }

  override async down(): Promise<void> {
    this.addSql(IAP_DEBIT_V3);
  }

}
