import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_DEBIT_V2 } from "../ledger/sql/iap-debit.v2";

const OLD_SIGNATURE = "iap_debit(text, text, text, numeric, text, text, text, text, text, text, text, text, text[])"

/** Replaces `iap_debit` v1 by v2, which learns usage charges (its SQL: ledger/sql/iap-debit.v2.ts). */
export class Migration20261128090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS ${OLD_SIGNATURE};`);
    this.addSql(IAP_DEBIT_V2);
  }

  override async down(): Promise<void> {
    // Rolling back further re-runs Migration20261126110000, which creates the previous function.
    this.addSql(`DROP FUNCTION IF EXISTS iap_debit(text, text, text, numeric, text, text, text, text, text, text, text, text, text[], jsonb, text, integer, text, integer, numeric, text);`);
  }

}
