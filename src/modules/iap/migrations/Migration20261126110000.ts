import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_DEBIT_V1 } from "../ledger/sql/iap-debit.v1";
import { IAP_RAW_AMOUNT_V1 } from "../ledger/sql/iap-raw-amount.v1";

/** Creates `iap_raw_amount` and the one-statement debit `iap_debit` v1 (their SQL: ledger/sql/). */
export class Migration20261126110000 extends Migration {

  override async up(): Promise<void> {
    // Lots are found through (account_id, status); a predicate on `remaining` made every
    // draw from a lot a non-HOT update (a new entry in each of the lot's indexes).
    this.addSql(`DROP INDEX IF EXISTS "IDX_iap_credit_lot_drawable";`);
    this.addSql(IAP_RAW_AMOUNT_V1);
    this.addSql(IAP_DEBIT_V1);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS iap_debit(text, text, text, numeric, text, text, text, text, text, text, text, text, text[]);`);
    this.addSql(`DROP FUNCTION IF EXISTS iap_raw_amount(numeric);`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_iap_credit_lot_drawable" ON "iap_credit_lot" ("account_id") WHERE "status" = 'available' AND "remaining" > 0 AND "deleted_at" IS NULL;`);
  }

}
