import { Migration } from "@medusajs/framework/mikro-orm/migrations";
import { DROP_IAP_PROVIDER_ACCOUNT_V1, IAP_PROVIDER_ACCOUNT_V1 } from "../ledger/sql/iap-provider-account.v1";

/**
 * `iap_provider_account` (ledger/sql/iap-provider-account.v1.ts): the provider API's charge and
 * capture find and check the addressed account inside their one statement, instead of a lookup
 * of their own before it.
 */
export class Migration20261128170000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(IAP_PROVIDER_ACCOUNT_V1);
  }

  override async down(): Promise<void> {
    this.addSql(DROP_IAP_PROVIDER_ACCOUNT_V1);
  }

}
