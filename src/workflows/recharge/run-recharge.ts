import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  completeCartWorkflow,
  createCartWorkflow,
  createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { clock } from "../../modules/iap/utils/clock"
import type { IapRechargeDTO } from "../../types/auto-recharge"
import { settleRechargeWorkflow } from "./settle-recharge"
import { iapModule } from "../common/steps/utils"
import { addInstantDeliveryToCart } from "../packs/utils/offer-digital-delivery"
import type { RechargeOutcome } from "./utils/recharge-notifications"

/** Session states a completion can still go on with (Medusa's own list in validateCartPaymentsStep). */
const USABLE_SESSION = ["pending", "requires_more", "authorized", "captured", "pending_authorization"]

/**
 * Buys the pack of one recharge attempt through Medusa's checkout: a cart for the customer
 * (metadata `iap_recharge_id`), a payment session on the saved method's provider paid
 * off-session (`payment_method`, `off_session`, `confirm`), then `completeCartWorkflow`; the
 * order's credits follow the purchase flow (pending until the payment is captured).
 *
 * Not one workflow, on purpose: a workflow that fails after the payment was authorized
 * compensates by canceling it, and a killed process compensates nothing. Each step here
 * commits on its own and finds what a previous run did (the cart by the attempt's id, the
 * session on the cart, the order on the completed cart; Medusa authorizes a session once), so
 * running it again after a crash, from the retry job, ends with one order and one payment.
 * The attempt is claimed first (`claimed_until`): one process works on it at a time.
 *
 * @example
 * const recharge = await runRecharge(container, "iaprch_01J…")
 */
export async function runRecharge(container: MedusaContainer, rechargeId: string): Promise<IapRechargeDTO | null> {
  const iap = iapModule(container)
  const lease = iap.getOptions().autoRecharge.resumeAfterMinutes * 60_000
  let r = await iap.claimRecharge(rechargeId, lease)
  if (!r) return null
  let outcome: RechargeOutcome
  if (!r.cart_id && !(await iap.retrieveAutoRecharge(r.account_id))?.enabled) {
    // Switched off (or removed) before anything was bought: nothing to pay, nobody to tell.
    return iap.updateRecharge(r.id, { status: "canceled", completed_at: clock.now(), claimed_until: null })
  }
  try {
    const cartId = r.cart_id ?? (await findOrCreateCart(container, r))
    if (!r.cart_id) r = await iap.updateRecharge(r.id, { cart_id: cartId })
    let orderId = await orderOfCart(container, cartId)
    if (!orderId) {
      // Packs ship with the free "Instant delivery" like at a storefront's delivery step (docs/storefront.md).
      await addInstantDeliveryToCart(container, cartId)
      await ensurePaymentSession(container, r, cartId)
      const { result } = await completeCartWorkflow(container).run({ input: { id: cartId } })
      orderId = result.id
    }
    outcome = { status: "succeeded", ...(await orderPayment(container, orderId)) }
  } catch (e: any) {
    outcome = await failureOf(container, r, e)
  }
  const { result } = await settleRechargeWorkflow(container).run({ input: { recharge_id: r.id, outcome } })
  return result
}

async function findOrCreateCart(container: MedusaContainer, r: IapRechargeDTO): Promise<string> {
  const iap = iapModule(container)
  const account = await iap.retrieveAccount(r.account_id)
  const carts = await container
    .resolve(Modules.CART)
    .listCarts({ customer_id: account.customer_id! }, { select: ["id", "metadata"], order: { created_at: "DESC" }, take: 50 })
  const existing = carts.find((c) => c.metadata?.iap_recharge_id === r.id)
  if (existing) return existing.id
  const settings = await iap.retrieveAutoRecharge(r.account_id)
  const { result } = await createCartWorkflow(container).run({
    input: {
      region_id: settings!.region_id,
      customer_id: account.customer_id!,
      sales_channel_id: settings!.sales_channel_id ?? account.sales_channel_ids[0] ?? undefined,
      items: [{ variant_id: r.variant_id, quantity: r.quantity }],
      metadata: { iap_recharge_id: r.id },
    },
  })
  return result.id
}

async function orderOfCart(container: MedusaContainer, cartId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return (data[0] as any)?.order_id ?? null
}

async function cartPayment(container: MedusaContainer, cartId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [cart] } = await query.graph({
    entity: "cart",
    fields: ["id", "payment_collection.id", "payment_collection.payment_sessions.*"],
    filters: { id: cartId },
  })
  return (cart as any)?.payment_collection ?? null
}

async function ensurePaymentSession(container: MedusaContainer, r: IapRechargeDTO, cartId: string) {
  let collection = await cartPayment(container, cartId)
  if (!collection) {
    await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cartId } })
    collection = await cartPayment(container, cartId)
  }
  const usable = (collection.payment_sessions ?? []).find((s: any) => s.provider_id === r.provider_id && USABLE_SESSION.includes(s.status))
  if (usable) return
  const account = await iapModule(container).retrieveAccount(r.account_id)
  await createPaymentSessionsWorkflow(container).run({
    input: {
      payment_collection_id: collection.id,
      provider_id: r.provider_id,
      customer_id: account.customer_id!,
      data: { payment_method: r.payment_method_id, off_session: true, confirm: true, metadata: { iap_recharge_id: r.id } },
    },
  })
}

async function orderPayment(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({
    entity: "order",
    fields: ["id", "total", "payment_collections.payments.id"],
    filters: { id: orderId },
  })
  const payment = (order as any)?.payment_collections?.flatMap((c: any) => c.payments ?? [])[0]
  return { order_id: orderId, payment_id: payment?.id ?? null, amount: order ? Number((order as any).total) : null }
}

/** A failed completion: `requires_action` when the session waits for the customer, else a decline. */
async function failureOf(container: MedusaContainer, r: IapRechargeDTO, e: any): Promise<RechargeOutcome> {
  const message = String(e?.message ?? e).slice(0, 500)
  const cartId = r.cart_id ?? (await iapModule(container).retrieveRecharge(r.id))?.cart_id
  const collection = cartId ? await cartPayment(container, cartId).catch(() => null) : null
  const session = (collection?.payment_sessions ?? []).find((s: any) => s.provider_id === r.provider_id)
  if (session?.status === "requires_more") {
    return { status: "requires_action", error_code: "requires_action", error: "The payment needs the customer (e.g. 3-D Secure)" }
  }
  const code = typeof session?.data?.error === "string" ? session.data.error : session?.status === "error" ? "declined" : "checkout_failed"
  return { status: "failed", error_code: code, error: message }
}
