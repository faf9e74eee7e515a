import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { IAP_AUTHORIZE_V1 } from "../ledger/sql/iap-authorize.v1";
import { IAP_CAPTURE_V1 } from "../ledger/sql/iap-capture.v1";

/**
 * Authorize and capture as one statement each (`iap_authorize`, `iap_capture`), like `iap_debit`:
 * the provider API's two-phase charge holds the account lock only inside Postgres. The bodies
 * live in ledger/sql (a later change is a new version there and a new migration).
 */
export class Migration20261128120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_AUTHORIZE_V1);
    this.addSql(IAP_CAPTURE_V1);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS iap_authorize(text, text, text, numeric, integer, integer, text, text, text, text, text, text, text[]);`);
    this.addSql(`DROP FUNCTION IF EXISTS iap_capture(text, text, text, text, numeric, text, text, text, text, text, text, text[]);`);
  }

}
