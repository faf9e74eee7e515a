/**
 * What each admin form sends: its values turned into the request type of the server's own
 * validator (empty optional inputs left out, so the API's defaults apply).
 */
import type {
  AccountFormValues,
  GrantFormValues,
  PackProductFormValues,
  SellPacksFormValues,
} from "./schemas"
import { toDays } from "./schemas"
import type { AdminCreateIapAccountType, AdminGrantIapCreditsType } from "../../api/admin/iap/accounts/validators"
import type { AdminCreateCreditPackProductType, AdminCreateCreditPackType } from "../../api/admin/iap/packs/validators"

/** The request body of a grant form; the key makes a double submit or a retry grant once. */
export function grantBody(values: GrantFormValues, idempotencyKey: string): AdminGrantIapCreditsType {
  return {
    amount: values.amount.trim(),
    note: values.note.trim(),
    category: values.category,
    expires_after_days: toDays(values.expires_after_days),
    idempotency_key: idempotencyKey,
  }
}

/** The request body of the form: empty optional amounts are left out (the API's defaults). */
export function createAccountBody(v: AccountFormValues): AdminCreateIapAccountType {
  return {
    service_id: v.service_id,
    customer_id: v.holder === "store" ? null : v.customer_id,
    sales_channel_ids: v.sales_channel_ids,
    ...(v.overdraft_limit.trim() ? { overdraft_limit: v.overdraft_limit.trim() } : {}),
    ...(v.warning_threshold.trim() ? { warning_threshold: v.warning_threshold.trim() } : {}),
  }
}

/** The packs to create: one per variant given credits, all of one service and terms. */
export function sellPacksBody(v: SellPacksFormValues): AdminCreateCreditPackType[] {
  return v.variants
    .filter((x) => x.credits.trim())
    .map((x) => ({
      service_id: v.service_id,
      variant_id: x.variant_id,
      credits: x.credits.trim(),
      expires_after_days: toDays(v.expires_after_days) ?? null,
      category: v.category,
    }))
}

/** The request body: prices left empty are not sent; titles default on the server ("500 SMS"). */
export function packProductBody(v: PackProductFormValues): AdminCreateCreditPackProductType {
  return {
    service_id: v.service_id,
    title: v.title.trim(),
    status: v.status,
    sales_channel_ids: v.sales_channel_ids,
    packs: v.packs.map((p) => ({
      credits: p.credits.trim(),
      ...(p.title.trim() ? { title: p.title.trim() } : {}),
      expires_after_days: toDays(p.expires_after_days) ?? null,
      category: v.category,
      prices: p.prices.filter((x) => x.amount.trim()).map((x) => ({ currency_code: x.currency_code, amount: Number(x.amount.trim()) })),
    })),
  }
}
