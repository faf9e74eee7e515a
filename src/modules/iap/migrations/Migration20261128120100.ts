import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_DEBIT_V3, IAP_DEBIT_V3_SIGNATURE } from "../ledger/sql/iap-debit.v3";

/**
 * `iap_debit` version 3 (ledger/sql/iap-debit.v3.ts): usages priced by graduated tiers are
 * priced inside the one statement, by the month's quantity read under the account lock, instead
 * of taking the general path (BEGIN, lock, reads, write, COMMIT). The app calls only this
 * signature (an overload: its two extra parameters); version 2 stays until a later migration
 * drops it, so rolling this one back leaves a working version 2.
 */
export class Migration20261128120100 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_DEBIT_V3);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS ${IAP_DEBIT_V3_SIGNATURE};`);
  }

}
