// HTTP helpers of the browser test: what a storefront and an admin script do over the APIs,
// to prepare data the dashboard then shows (an order that bought a credit pack).

async function call(baseUrl, method, path, { token, key, body } = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { "x-publishable-api-key": key } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = { raw: text }
  }
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text.slice(0, 300)}`)
  return json
}

async function login(baseUrl, actor, email, password) {
  const { token } = await call(baseUrl, "POST", `/auth/${actor}/emailpass`, { body: { email, password } })
  return token
}

/**
 * The demo customer buys one credit pack in the Webshop channel and the admin captures the
 * payment, as a storefront and a back office would. Returns the order and the pack bought.
 */
async function placeCreditPackOrder(baseUrl, { admin, customer, service = "sms", credits = 500 }) {
  const adminToken = await login(baseUrl, "user", admin.email, admin.password)
  const key = await webshopKey(baseUrl, adminToken)

  const customerToken = await login(baseUrl, "customer", customer.email, customer.password)
  const { regions } = await call(baseUrl, "GET", "/store/regions", { key })
  const region = regions.find((r) => r.currency_code === "eur") || regions[0]
  const { packs } = await call(baseUrl, "GET", `/store/iap/packs?region_id=${region.id}`, { key, token: customerToken })
  const pack = packs.find((p) => p.service.technical_name === service && Number(p.credits) === credits)
  if (!pack) throw new Error(`no ${credits}-credit ${service} pack for sale: ${JSON.stringify(packs.map((p) => [p.service.technical_name, p.credits]))}`)

  let { cart } = await call(baseUrl, "POST", "/store/carts", { key, token: customerToken, body: { region_id: region.id } })
  ;({ cart } = await call(baseUrl, "POST", `/store/carts/${cart.id}/line-items`, {
    key,
    token: customerToken,
    body: { variant_id: pack.variant_id, quantity: 1 },
  }))
  // The delivery step: packs ship with the plugin's free "Instant delivery", the one option a cart of packs is offered.
  const { shipping_options } = await call(baseUrl, "GET", `/store/shipping-options?cart_id=${cart.id}`, { key, token: customerToken })
  if (shipping_options.length !== 1 || shipping_options[0].name !== "Instant delivery" || shipping_options[0].amount !== 0) {
    throw new Error(`a cart of packs is offered exactly the free Instant delivery: ${JSON.stringify(shipping_options.map((o) => [o.name, o.amount]))}`)
  }
  await call(baseUrl, "POST", `/store/carts/${cart.id}/shipping-methods`, { key, token: customerToken, body: { option_id: shipping_options[0].id } })
  const { payment_collection } = await call(baseUrl, "POST", "/store/payment-collections", { key, token: customerToken, body: { cart_id: cart.id } })
  await call(baseUrl, "POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
    key,
    token: customerToken,
    body: { provider_id: "pp_system_default" },
  })
  const done = await call(baseUrl, "POST", `/store/carts/${cart.id}/complete`, { key, token: customerToken })
  if (done.type !== "order") throw new Error(`cart not completed: ${JSON.stringify(done.error || done)}`)
  const order = done.order

  const credits_ = await waitFor(async () => {
    const res = await call(baseUrl, "GET", `/admin/iap/orders/${order.id}/credits`, { token: adminToken })
    return res.lots.length ? res : null
  }, "the order.placed subscriber to create the lot")

  const { order: withPayments } = await call(baseUrl, "GET", `/admin/orders/${order.id}?fields=id,payment_collections.payments.id`, { token: adminToken })
  const paymentId = withPayments.payment_collections[0].payments[0].id
  await call(baseUrl, "POST", `/admin/payments/${paymentId}/capture`, { token: adminToken, body: {} })
  const captured = await waitFor(async () => {
    const res = await call(baseUrl, "GET", `/admin/iap/orders/${order.id}/credits`, { token: adminToken })
    return res.lots.every((l) => l.status === "available") ? res : null
  }, "the payment.captured subscriber to release the lot")

  return { order, pack, pendingLots: credits_.lots, lots: captured.lots, adminToken }
}

/** The Webshop's publishable key, as a storefront of that channel sends it. */
async function webshopKey(baseUrl, adminToken) {
  const { api_keys } = await call(baseUrl, "GET", "/admin/api-keys?type=publishable&limit=50&fields=id,title,token", { token: adminToken })
  return (api_keys.find((k) => /webshop/i.test(k.title)) || api_keys[0]).token
}

/**
 * What the Webshop storefront sees of a product (by id) and of the credit packs for sale
 * to the signed-in demo customer: proof that a pack product made in the dashboard is on sale.
 */
async function webshopView(baseUrl, { admin, customer, productId }) {
  const adminToken = await login(baseUrl, "user", admin.email, admin.password)
  const key = await webshopKey(baseUrl, adminToken)
  const customerToken = await login(baseUrl, "customer", customer.email, customer.password)
  const { products } = await call(baseUrl, "GET", `/store/products?id=${encodeURIComponent(productId)}&fields=id,title,variants.id,variants.title`, { key })
  const { regions } = await call(baseUrl, "GET", "/store/regions", { key })
  const region = regions.find((r) => r.currency_code === "eur") || regions[0]
  const { packs } = await call(baseUrl, "GET", `/store/iap/packs?region_id=${region.id}`, { key, token: customerToken })
  return { product: products[0] || null, packs: packs.filter((p) => p.product.id === productId) }
}

async function waitFor(probe, what, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

module.exports = { call, login, placeCreditPackOrder, waitFor, webshopView }
