import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_DEBIT_V5 } from "../ledger/sql/iap-debit.v5";
import { IAP_DEBIT_V6 } from "../ledger/sql/iap-debit.v6";

/**
 * `iap_debit` version 6 (ledger/sql/iap-debit.v6.ts): a usage charge reads its month's counter
 * once and updates it by primary key, instead of an upsert. Same signature: it replaces version
 * 5, and rolling back restores it.
 */
export class Migration20261128200000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_DEBIT_V6);
  }

  override async down(): Promise<void> {
    this.addSql(IAP_DEBIT_V5);
  }

}
