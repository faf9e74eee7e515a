import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createProductsWorkflow } from "@medusajs/medusa/core-flows"
import type { CheckoutFixtures } from "./checkout-fixtures"
import { nextDelivery, orderLots } from "./checkout-fixtures"

/** What the refund and return tests need on top of the checkout fixtures. */

/** The order's (only) payment id. */
export async function paymentOf(container: MedusaContainer, orderId: string): Promise<string> {
  return (await orderLots(container, orderId)).payment_collections[0].payments[0].id
}

/** Captures through the admin route and waits for the `payment.captured` subscribers. */
export async function captureOrder(container: MedusaContainer, api: any, f: CheckoutFixtures, orderId: string) {
  const paymentId = await paymentOf(container, orderId)
  const captured = nextDelivery(container, "payment.captured")
  await api.post(`/admin/payments/${paymentId}/capture`, {}, f.adminHeaders)
  await captured
  return paymentId
}

/** Refunds through Medusa's admin route and waits for the `payment.refunded` subscribers. */
export async function refundPayment(container: MedusaContainer, api: any, f: CheckoutFixtures, paymentId: string, amount: number) {
  const refunded = nextDelivery(container, "payment.refunded")
  const res = await api.post(`/admin/payments/${paymentId}/refund`, { amount }, f.adminHeaders)
  await refunded
  return res.data.payment
}

/** Delivers an event again (what an at-least-once bus may do) and waits for its subscribers. */
export async function redeliver(container: MedusaContainer, name: string, data: Record<string, unknown>) {
  const done = nextDelivery(container, name)
  await container.resolve(Modules.EVENT_BUS).emit({ name, data })
  await done
}

/** A 20 EUR T-shirt sold in the webshop (no inventory, no shipping profile: no shipping needed). */
export async function createShirt(container: MedusaContainer, f: CheckoutFixtures): Promise<string> {
  const { result: [product] } = await createProductsWorkflow(container).run({
    input: {
      products: [{
        title: "T-shirt", status: "published", sales_channels: [{ id: f.webshop.id }], options: [{ title: "Size", values: ["M"] }],
        variants: [{ title: "M", options: { Size: "M" }, manage_inventory: false, prices: [{ currency_code: "eur", amount: 20 }] }],
      }],
    },
  })
  return product.variants[0].id
}

/** A second service, `mail` (whole letters), with a pack of 50 letters for 10 EUR. */
export async function createMailPack(api: any, f: CheckoutFixtures) {
  const { service } = await f.iap.createService({ technical_name: "mail", name: "Postal mail", unit_name: "letters", integer_credits: true })
  const res = await api.post(
    "/admin/iap/packs/products",
    { service_id: service.id, title: "Letters", sales_channel_ids: [f.webshop.id], packs: [{ credits: 50, prices: [{ currency_code: "eur", amount: 10 }] }] },
    f.adminHeaders
  )
  return { service, variant_id: res.data.packs[0].product_variant.id as string }
}

/** Rule 4 for one account: balance = ledger sum = Σ lot remaining − debt. */
export async function ledgerInvariants(container: MedusaContainer, f: CheckoutFixtures, accountId: string) {
  const [account] = await f.iap.listAccountsByIds([accountId])
  const rows = await f.iap.listIapTransactions({ account_id: accountId }, { select: ["amount"] })
  const lots = await f.iap.listIapCreditLots({ account_id: accountId }, { select: ["remaining", "status"] })
  const units = (x: unknown) => Math.round(Number(x) * 10_000)
  return {
    balance: units(account.balance),
    ledger: rows.reduce((s, r) => s + units(r.amount), 0),
    lots_minus_debt: lots.filter((l) => l.status !== "pending").reduce((s, l) => s + units(l.remaining), 0) - units(account.debt),
  }
}

/**
 * Cancels an order through the admin route the way an admin must once its credit packs were
 * delivered: its (digital) fulfilments are canceled first, then the order.
 */
export async function cancelOrder(container: MedusaContainer, api: any, f: CheckoutFixtures, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data: [order] } = await query.graph({ entity: "order", fields: ["fulfillments.id", "fulfillments.canceled_at"], filters: { id: orderId } })
  for (const fulfillment of ((order as any).fulfillments ?? []).filter((x: any) => x && !x.canceled_at)) {
    await api.post(`/admin/orders/${orderId}/fulfillments/${fulfillment.id}/cancel`, {}, f.adminHeaders)
  }
  const canceled = nextDelivery(container, "order.canceled")
  await api.post(`/admin/orders/${orderId}/cancel`, {}, f.adminHeaders)
  await canceled
}
