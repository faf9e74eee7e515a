import React, { useEffect, useState } from "react"
import {
  AccountToken,
  AutoRechargeSettings,
  BuyCredits,
  CreditBalances,
  CreditHistory,
  InsufficientCreditsDialog,
  isInsufficientCredits,
  LowBalanceAlert,
  UsageChart,
  type IapInsufficientCreditsBody,
  type StoreIapPack,
} from "../../src/storefront"
import { DEMO, iap, sdk } from "./sdk"

/** The demo's pages: sign in, "My credits" (balances, buy, history, usage, alert, token) and a service to try. */
export function App() {
  const [signedIn, setSignedIn] = useState<boolean | null>(null)
  useEffect(() => {
    sdk.store.customer.retrieve().then(() => setSignedIn(true), () => setSignedIn(false))
  }, [])
  if (signedIn === null) return <p role="status">Loading…</p>
  return (
    <main className="page">
      <header className="header">
        <h1>IAP demo store</h1>
        {signedIn && (
          <button type="button" onClick={() => sdk.auth.logout().then(() => setSignedIn(false))}>
            Sign out
          </button>
        )}
      </header>
      {signedIn ? <MyCredits /> : <SignIn onDone={() => setSignedIn(true)} />}
    </main>
  )
}

function SignIn({ onDone }: { onDone: () => void }) {
  const [email, setEmail] = useState(DEMO.customer?.email ?? "")
  const [password, setPassword] = useState(DEMO.customer?.password ?? "")
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(null)
    try {
      await sdk.auth.login("customer", "emailpass", { email, password })
      onDone()
    } catch (err) {
      setError((err as Error).message)
    }
  }
  return (
    <form onSubmit={submit} className="card" aria-label="Sign in">
      <h2>Sign in</h2>
      <label htmlFor="email">Email</label>
      <input id="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">Password</label>
      <input id="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      {error && <p role="alert">{error}</p>}
      <button type="submit">Sign in</button>
    </form>
  )
}

function MyCredits() {
  const [accountId, setAccountId] = useState<string | null>(null)
  const [regionId, setRegionId] = useState<string | null>(null)
  const [refresh, setRefresh] = useState(0)
  useEffect(() => {
    sdk.store.region.list().then(({ regions }) => setRegionId(regions.find((r) => r.currency_code === "eur")?.id ?? regions[0]?.id ?? null))
  }, [])
  return (
    <>
      <section className="card" aria-labelledby="balances">
        <h2 id="balances">My credits</h2>
        <CreditBalances key={refresh} client={iap} onSelect={setAccountId} />
      </section>
      {regionId && (
        <section className="card" aria-labelledby="buy">
          <h2 id="buy">Buy credits</h2>
          <Checkout regionId={regionId} onOrdered={() => setRefresh((n) => n + 1)} />
        </section>
      )}
      {accountId && (
        <>
          <section className="card" aria-labelledby="history">
            <h2 id="history">History</h2>
            <UsageChart client={iap} />
            <CreditHistory key={`${accountId}:${refresh}`} client={iap} accountId={accountId} />
          </section>
          <section className="card" aria-labelledby="alert">
            <h2 id="alert">Low-balance alert</h2>
            <LowBalanceAlert client={iap} accountId={accountId} />
          </section>
          {regionId && (
            <section className="card" aria-labelledby="recharge">
              <h2 id="recharge">Top up automatically</h2>
              <AutoRechargeSettings key={accountId} client={iap} accountId={accountId} regionId={regionId} />
            </section>
          )}
          <section className="card" aria-labelledby="token">
            <h2 id="token">Account token</h2>
            <AccountToken client={iap} accountId={accountId} />
          </section>
        </>
      )}
      <TryReveal />
    </>
  )
}

/**
 * Packs into a cart, then a one-step checkout: the packs ship with the free "Instant delivery"
 * (what a storefront's delivery step offers a cart of packs); the system payment provider
 * authorizes; the credits are pending until an admin captures.
 */
function Checkout({ regionId, onOrdered }: { regionId: string; onOrdered: () => void }) {
  const [cartId, setCartId] = useState<string | null>(null)
  const [items, setItems] = useState<string[]>([])
  const [message, setMessage] = useState<string | null>(null)
  const add = async (pack: StoreIapPack) => {
    const id = cartId ?? (await sdk.store.cart.create({ region_id: regionId })).cart.id
    setCartId(id)
    await iap.addPackToCart(id, pack.variant_id, 1)
    setItems((xs) => [...xs, `${pack.credits} ${pack.service.unit_name}`])
  }
  const placeOrder = async () => {
    setMessage(null)
    try {
      await iap.addInstantDelivery(cartId!)
      const { cart } = await sdk.store.cart.retrieve(cartId!)
      await sdk.store.payment.initiatePaymentSession(cart, { provider_id: "pp_system_default" })
      const done = await sdk.store.cart.complete(cartId!)
      if (done.type !== "order") throw new Error(done.error?.message ?? "The cart could not be completed")
      setMessage(`Order #${done.order.display_id} placed: your credits are pending until the payment is captured.`)
      setCartId(null)
      setItems([])
      onOrdered()
    } catch (e) {
      setMessage((e as Error).message)
    }
  }
  return (
    <>
      <BuyCredits client={iap} regionId={regionId} onAddToCart={add} />
      {items.length > 0 && (
        <div className="cart">
          <p>In your cart: {items.join(", ")}</p>
          <p>Delivery: Instant delivery, free (the credits land on your account).</p>
          <button type="button" onClick={placeOrder}>Place order</button>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </>
  )
}

/** A third-party service to try: 1 credit per lead, paid with the account token; a 402 opens the paywall. */
function TryReveal() {
  const [token, setToken] = useState("")
  const [domain, setDomain] = useState("acme.test")
  const [result, setResult] = useState<string | null>(null)
  const [paywall, setPaywall] = useState<IapInsufficientCreditsBody | null>(null)
  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setResult(null)
    const res = await fetch("/demo-api/reveal", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ account_token: token, domain }) })
    const body = await res.json()
    if (res.status === 402 && isInsufficientCredits(body)) return setPaywall(body)
    setResult(res.ok ? `${body.lead.company}, ${body.lead.employees} employees (${body.account.available} credits left)` : body.message)
  }
  return (
    <section className="card" aria-labelledby="reveal">
      <h2 id="reveal">Try a service: lead reveal</h2>
      <form onSubmit={submit} aria-label="Reveal a lead">
        <label htmlFor="reveal-token">Account token of your Lead generation credits</label>
        <input id="reveal-token" value={token} onChange={(e) => setToken(e.target.value)} />
        <label htmlFor="reveal-domain">Website</label>
        <input id="reveal-domain" value={domain} onChange={(e) => setDomain(e.target.value)} />
        <button type="submit">Reveal (1 credit)</button>
      </form>
      {result && <p role="status">{result}</p>}
      <InsufficientCreditsDialog error={paywall} onClose={() => setPaywall(null)} unitName="credits" />
    </section>
  )
}
